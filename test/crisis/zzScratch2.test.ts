import { it } from '@jest/globals';
import { detectCrisis } from '../../domain/crisis/detectCrisis.js';
import { concernMessages } from './concernMessages.js';
it('scratch', () => {
  let tp = 0, p = 0, fp = 0, n = 0; const out: string[] = [];
  for (const m of concernMessages) {
    const r = detectCrisis(m.text);
    if (m.expected === 'concern') { p++; if (r.level !== 'none') tp++; else out.push('MISS ' + m.text); if (r.level==='crisis') out.push('  (crisis) ' + m.text); }
    else { n++; if (r.level !== 'none') { fp++; out.push('FA ' + r.level + ' ' + r.signals.join(',') + ' ' + m.text); } }
  }
  console.log(`concern recall ${tp}/${p}, false alarms ${fp}/${n}\n` + out.join('\n'));
});
