import { beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { operatorCopy } from '../../bot/i18n.js';
import { projectRoot } from '../../data/paths.js';
import { ensureServerCompiled } from './compiledServer.js';

/**
 * `npm start` as an operator runs it in production: without authentication (no MicrosoftAppId) it will not
 * listen beyond this machine. It says why on stderr, naming HOST, and exits non-zero.
 */
beforeAll(async () => {
  await ensureServerCompiled();
}, 240_000);

function start(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return mkdtemp(join(tmpdir(), 'one-story-production-host-')).then(
    (dir) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [join(projectRoot(), 'dist', 'bot', 'index.js')], {
          // A folder with no `.env`, and only what an operator would set.
          cwd: dir,
          env: { PATH: process.env.PATH ?? '', PORT: '0', DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent', ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
        child.once('error', reject);
        child.once('exit', (code) => resolve({ code, stdout, stderr }));
      }),
  );
}

describe('NODE_ENV=production without authentication', () => {
  it('refuses HOST=0.0.0.0: a clear line on stderr naming HOST, exit code 1, never listening', async () => {
    const t = operatorCopy();
    const { code, stdout, stderr } = await start({ NODE_ENV: 'production', HOST: '0.0.0.0', ONESTORY_ENCRYPTION_KEY: randomBytes(32).toString('base64') });
    expect(code).toBe(1);
    expect(stderr).toContain(t('operator.config.cannotStart'));
    expect(stderr).toContain(`HOST: ${t('operator.config.hostWithoutAuthentication')}`);
    expect(stdout).not.toMatch(/listening/i);
  });
});
