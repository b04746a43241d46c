import { it } from '@jest/globals';
import { detectCrisis } from '../../domain/crisis/detectCrisis.js';
import { heldOutMessages } from './heldOutMessages.js';
import { heldOutMessages2 } from './heldOutMessages2.js';

it('scratch', () => {
  let tp = 0, p = 0, fp = 0, n = 0; const out: string[] = [];
  for (const m of heldOutMessages2) {
    const r = detectCrisis(m.text);
    if (m.crisis) { p++; if (r.isCrisis) tp++; else out.push('MISS [' + r.level + '] ' + m.text); }
    else { n++; if (r.isCrisis) { fp++; out.push('FA ' + r.signals.join(',') + ' ' + m.text); } }
  }
  console.log(`recall ${tp}/${p} = ${(100*tp/p).toFixed(1)}%, false alarms ${fp}/${n} = ${(100*fp/n).toFixed(1)}%\n` + out.join('\n'));
});
