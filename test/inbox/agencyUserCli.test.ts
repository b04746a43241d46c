import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TFunction } from 'i18next';
import { projectRoot } from '../../data/paths.js';
import { operatorCopy } from '../../bot/i18n.js';
import { ensureServerCompiled } from '../crash/compiledServer.js';
import { startOneStory, type RunningOneStory } from '../support/httpHarness.js';
import { totpCode } from '../support/staffSession.js';
import { STAFF_PASSWORD_HASHING } from '../../useCases/staff/passwords.js';
import { StaffBrowser, recoveryCodesIn, totpKeyIn } from '../support/staffBrowser.js';

/**
 * `npm run agency-user` as an operator runs it: the compiled command, beside the running server, on the
 * same data folder. The link it prints (on PUBLIC_URL) sets the account up once, and stops working after
 * 24 hours (the server's injected clock).
 */

const ROOT = projectRoot();
const PUBLIC_URL = 'https://onestory.example.org';
const AGENCY = 'cambridge-housing-options';
const encryptionKey = randomBytes(32).toString('base64');
let now = new Date();
let running: RunningOneStory;
const t: TFunction = operatorCopy();

beforeAll(async () => {
  await ensureServerCompiled();
  running = await startOneStory({ encryptionKey, clock: () => now, env: { PUBLIC_URL } });
}, 600_000);
afterAll(async () => {
  await running?.app.close();
});

async function agencyUser(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const cwd = await mkdtemp(join(tmpdir(), 'one-story-agency-user-cwd-'));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'dist', 'bot', 'cli', 'agencyUser.js'), ...args],
      { cwd, env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DATA_DIR: running.dataDir, ONESTORY_ENCRYPTION_KEY: encryptionKey, LOG_LEVEL: 'silent', PUBLIC_URL } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The setup link's path on this server, from what the command printed. */
function setupPath(stdout: string): string {
  const link = new RegExp(`${PUBLIC_URL}(/inbox/setup/[A-Za-z0-9_-]{43})`).exec(stdout);
  if (!link) throw new Error(`no setup link in:\n${stdout}`);
  return link[1];
}

describe('npm run agency-user', () => {
  it('should refuse an agency that is not in the directory, naming the ones that are', async () => {
    const result = await agencyUser('create', 'no-such-agency', 'someone@example.org', '--admin');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No agency with id no-such-agency in the directory. Known: ');
    expect(result.stderr).toContain(AGENCY);
    expect((await agencyUser('create', AGENCY, 'someone@example.org')).stderr).toContain(t('operator.agencyUser.usage'));
  }, 120_000);

  it('should make an admin whose printed link sets the account up once, and list and remove staff', async () => {
    now = new Date();
    const created = await agencyUser('create', AGENCY, 'First.Admin@Example.org', '--admin');
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toContain('Made agency-admin first.admin@example.org for cambridge-housing-options');
    const path = setupPath(created.stdout);

    const admin = new StaffBrowser(() => running.baseUrl);
    expect((await admin.get(path)).status).toBe(200);
    expect((await admin.post(`${path}/password`, { password: 'copper meadow signal ninety', confirm: 'copper meadow signal ninety' })).status).toBe(303);
    await admin.get(path);
    const key = totpKeyIn(admin.html)!;
    expect((await admin.post(`${path}/code`, { code: totpCode(key, now) })).status).toBe(200);
    expect(recoveryCodesIn(admin.html)).toHaveLength(10);
    // Once only.
    expect((await admin.get(path)).status).toBe(410);
    // The server as an operator starts it (nothing passed to its composition root) hashed that password at
    // production's cost (what that is: test/inbox/staffAccounts.test.ts).
    expect(running.app.staff.accounts.passwordHashing).toBe(STAFF_PASSWORD_HASHING);

    const again = await agencyUser('create', AGENCY, 'first.admin@example.org', '--worker');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(t('operator.agencyUser.refused.already_exists', { email: 'first.admin@example.org' }));

    const worker = await agencyUser('create', AGENCY, 'worker.one@example.org', '--worker');
    expect(worker.code).toBe(0);
    const listed = await agencyUser('list', AGENCY);
    expect(listed.stdout).toMatch(/first\.admin@example\.org {2}agency-admin {2}active/);
    expect(listed.stdout).toMatch(/worker\.one@example\.org {2}worker {2}invited/);

    // The agency's only admin who can sign in stays; the worker can go.
    const lastAdmin = await agencyUser('remove', 'first.admin@example.org');
    expect(lastAdmin.code).toBe(1);
    expect(lastAdmin.stderr).toContain(t('operator.agencyUser.refused.last_admin', { email: 'first.admin@example.org' }));
    expect(await agencyUser('remove', 'worker.one@example.org')).toMatchObject({ code: 0 });
    expect((await agencyUser('list', AGENCY)).stdout).toMatch(/worker\.one@example\.org {2}worker {2}removed/);
  }, 300_000);

  it('should print a link that stops working after 24 hours, and a new one on request', async () => {
    const created = await agencyUser('create', 'partnership', 'analyst@example.org', '--partnership');
    expect(created.code).toBe(0);
    const path = setupPath(created.stdout);
    const analyst = new StaffBrowser(() => running.baseUrl);
    now = new Date();
    expect((await analyst.get(path)).status).toBe(200);
    now = new Date(Date.now() + 24 * 3_600_000 + 60_000);
    expect((await analyst.get(path)).status).toBe(410);
    expect(analyst.html).toContain('This setup link has expired');

    const renewed = await agencyUser('new-link', 'analyst@example.org');
    expect(renewed.code).toBe(0);
    // The new link is made on the command line's own (real) clock: it lasts 24 hours from now, so the server's
    // clock comes back to now to try it.
    now = new Date();
    expect((await analyst.get(setupPath(renewed.stdout))).status).toBe(200);
    expect((await analyst.get(path)).status).toBe(404);
    expect((await agencyUser('create', AGENCY, 'analyst2@example.org', '--partnership')).stderr).toContain(t('operator.agencyUser.partnershipOnly'));
  }, 300_000);
});
