import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENESIS_HASH, chainAuditEntry, verifyAuditChain, type AuditEntry } from '../../domain/audit/auditChain.js';
import { AppendOnlyAuditLog, readLines } from '../../data/audit/auditLog.js';

const at = new Date('2026-11-29T10:00:00Z');

function chain(count: number): string[] {
  const lines: string[] = [];
  let previous: AuditEntry | null = null;
  for (let index = 0; index < count; index++) {
    previous = chainAuditEntry({ event: 'agency.read', agencyId: 'a', handoffId: `h${index}` }, previous, at);
    lines.push(JSON.stringify(previous));
  }
  return lines;
}

describe('audit hash chain', () => {
  it('when whole should verify, starting from the genesis hash', () => {
    const lines = chain(5);
    expect((JSON.parse(lines[0]) as AuditEntry).prevHash).toBe(GENESIS_HASH);
    expect(verifyAuditChain(lines)).toEqual({ ok: true, entries: 5, lastHash: (JSON.parse(lines[4]) as AuditEntry).hash });
    expect(verifyAuditChain([])).toMatchObject({ ok: true, entries: 0 });
  });

  it('when an entry is edited should report that line', () => {
    const lines = chain(5);
    lines[2] = lines[2].replace('"h2"', '"h9"');
    expect(verifyAuditChain(lines)).toEqual({ ok: false, entries: 2, brokenAtLine: 3, reason: 'bad-hash' });
  });

  it('when an entry is edited and rehashed should report the next line', () => {
    const lines = chain(5);
    const edited = JSON.parse(lines[2]) as AuditEntry;
    const { hash: _old, ...rest } = { ...edited, handoffId: 'h9' };
    const rehashed = chainAuditEntry({ event: rest.event, agencyId: rest.agencyId, handoffId: rest.handoffId }, { seq: 2, hash: edited.prevHash }, at);
    lines[2] = JSON.stringify(rehashed);
    expect(verifyAuditChain(lines)).toMatchObject({ ok: false, brokenAtLine: 4, reason: 'bad-previous-hash' });
  });

  it('when an entry is removed or lines are swapped should report the first broken link', () => {
    const removed = chain(5);
    removed.splice(1, 1);
    expect(verifyAuditChain(removed)).toMatchObject({ ok: false, brokenAtLine: 2, reason: 'bad-sequence' });
    const swapped = chain(5);
    [swapped[3], swapped[4]] = [swapped[4], swapped[3]];
    expect(verifyAuditChain(swapped)).toMatchObject({ ok: false, brokenAtLine: 4 });
  });

  it('when a line is not an entry should report it as unreadable', () => {
    const lines = chain(3);
    lines[1] = '{"not":"an entry"}';
    expect(verifyAuditChain(lines)).toMatchObject({ ok: false, brokenAtLine: 2, reason: 'unreadable' });
  });
});

describe('AppendOnlyAuditLog', () => {
  it('when many events are recorded at once should lose none and keep the chain whole', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'one-story-audit-')), 'audit', 'audit.jsonl');
    const log = new AppendOnlyAuditLog(path);
    await Promise.all(Array.from({ length: 50 }, (_, index) => log.record({ event: 'agency.read', agencyId: 'a', handoffId: `h${index}` })));
    expect(await log.verify()).toMatchObject({ ok: true, entries: 50 });
    // A second writer (say, after a restart) carries the chain on.
    await new AppendOnlyAuditLog(path).record({ event: 'agency.listed', agencyId: 'a' });
    const lines = await readLines(path);
    expect(verifyAuditChain(lines)).toMatchObject({ ok: true, entries: 51 });
    const handoffs = lines.slice(0, 50).map((line) => (JSON.parse(line) as AuditEntry).handoffId).sort();
    expect(new Set(handoffs).size).toBe(50);
  });

  it('should refuse facts that are not ids and event names', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'one-story-audit-')), 'audit.jsonl');
    const log = new AppendOnlyAuditLog(path);
    await expect(log.record({ event: 'agency.read', text: 'I am scared' } as never)).rejects.toThrow();
    await expect(log.record({ event: 'said.something' } as never)).rejects.toThrow();
    expect(await readFile(path, 'utf8').catch(() => '')).toBe('');
    await log.record({ event: 'agency.read' });
    await writeFile(path + '.unused', '');
    expect(await log.verify()).toMatchObject({ ok: true, entries: 1 });
  });
});
