import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmod, lstat, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TFunction } from 'i18next';
import { loadTranslations } from '../../bot/i18n.js';
import { ChannelUser, ReplyCapture, startOneStory, type RunningOneStory } from '../support/httpHarness.js';
import { sampleStory, wording } from '../support/sharingFixtures.js';

/**
 * What One Story keeps on disk is for its own user only: after a real conversation (and a handoff, so the
 * audit log is written), every file in DATA_DIR is 0600 and every folder 0700; files an earlier version
 * left readable by others are narrowed when it starts.
 */
const capture = new ReplyCapture();
let running: RunningOneStory;
let t: TFunction;
// No ONESTORY_ENCRYPTION_KEY: the development key is generated into DATA_DIR, and must be private too.
const settings = { env: { ONESTORY_ENCRYPTION_KEY: '' } };

beforeAll(async () => {
  await capture.start();
  running = await startOneStory(settings);
  t = (await loadTranslations()).forLocale('en');
});

afterAll(async () => {
  await running.app.close();
  await capture.stop();
});

/** Every file and folder under `dir`, with its permission bits (links are not followed). */
async function modesUnder(dir: string): Promise<Array<{ path: string; kind: 'file' | 'folder'; mode: string }>> {
  const found: Array<{ path: string; kind: 'file' | 'folder'; mode: string }> = [{ path: '.', kind: 'folder', mode: ((await lstat(dir)).mode & 0o777).toString(8) }];
  for (const name of await readdir(dir, { recursive: true, encoding: 'utf8' })) {
    const stats = await lstat(join(dir, name));
    found.push({ path: name, kind: stats.isDirectory() ? 'folder' : 'file', mode: (stats.mode & 0o777).toString(8) });
  }
  return found;
}

const expectedMode = (entry: { kind: 'file' | 'folder' }) => (entry.kind === 'folder' ? '700' : '600');

describe('files in DATA_DIR', () => {
  it('are 0600, and folders 0700, after a real conversation and a handoff', async () => {
    const person = new ChannelUser(() => running.baseUrl, capture, 'conv-files', 'user-files');
    expect((await person.join()).at(-1)).toBe(t('supporter.ask'));
    await person.say('No, just me');
    expect(await person.say('Robin')).toContain(t('welcome.nameThanks', { name: 'Robin' }));
    await person.say('another device');
    await person.say('pause');
    await running.app.sharing.share({ story: sampleStory('person-files'), agencyId: 'cambridge-housing-options', parts: ['housing'], heldBack: [], wording, channel: 'webchat', supportedBy: null });

    const entries = await modesUnder(running.dataDir);
    const names = entries.map((entry) => entry.path);
    // What a conversation and a handoff leave: documents in their folders, the audit log, the development
    // key and the data folder's lock.
    expect(names).toEqual(expect.arrayContaining(['.dev-encryption-key', '.one-story.lock', join('audit', 'audit.jsonl')]));
    expect(entries.filter((entry) => entry.kind === 'file' && entry.path.endsWith('.json')).length).toBeGreaterThan(3);
    expect(entries.filter((entry) => entry.mode !== expectedMode(entry))).toEqual([]);
  });

  it('that an earlier version left open to others are narrowed at start-up', async () => {
    await running.app.close();
    const before = await modesUnder(running.dataDir);
    for (const entry of before) await chmod(join(running.dataDir, entry.path), entry.kind === 'folder' ? 0o755 : 0o644);
    await writeFile(join(running.dataDir, 'left-by-an-earlier-version.json'), '{}', { mode: 0o666 });
    await chmod(join(running.dataDir, 'left-by-an-earlier-version.json'), 0o666);

    running = await startOneStory({ ...settings, dataDir: running.dataDir });
    const after = await modesUnder(running.dataDir);
    expect(after.map((entry) => entry.path)).toEqual(expect.arrayContaining(['left-by-an-earlier-version.json', ...before.map((entry) => entry.path)]));
    expect(after.filter((entry) => entry.mode !== expectedMode(entry))).toEqual([]);
    // The same person carries on: their documents are still read after the change of mode.
    const person = new ChannelUser(() => running.baseUrl, capture, 'conv-files', 'user-files');
    expect(await person.say('hi again')).toContain(t('welcomeBack.greetingNamed', { name: 'Robin' }));
  });
});
