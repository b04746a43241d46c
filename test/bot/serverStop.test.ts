import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { Agent, createServer, request, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import restify from 'restify';
import { closableServer } from '../../bot/http/closing.js';
import { rawGet } from '../support/rawHttp.js';
import { ServerProcess } from '../bench/serverProcess.js';
import { ensureServerCompiled } from '../crash/compiledServer.js';

/**
 * Stopping the server while browsers hold connections to it. A browser opens connections ahead of time (a
 * preconnect) and may never send anything on them; Node's `server.close()` alone waits for those forever, so
 * `npm start` given SIGTERM (a service manager stopping it) never exited, and a test's teardown hung for as
 * long as a browser kept one open.
 */

/** A raw connection that never sends a request, as a browser's preconnect; resolves once connected. */
function preconnect(port: number): Promise<{ socket: Socket; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('connect', () => resolve({ socket, closed }));
    // Before connecting: the test fails; after (the server ends it): nothing to report.
    socket.on('error', reject);
  });
}

/** A GET's status, text and Connection header; on a connection of its own unless an agent is given (a browser's kept-alive one). */
async function get(port: number, path: string, agent?: Agent): Promise<{ status: number; body: string; connection?: string }> {
  const { status, headers, body } = await rawGet(`http://127.0.0.1:${port}${path}`, { agent });
  return { status, body: body.toString('utf8'), connection: headers.connection as string | undefined };
}

describe('closableServer', () => {
  let server: Server;
  let port: number;
  /** Requests the test answers itself, by path. */
  const waiting = new Map<string, (body: string) => void>();
  let arrived: (path: string) => void = () => undefined;

  beforeAll(async () => {
    server = createServer((req, res) => {
      waiting.set(req.url ?? '', (body) => res.end(body));
      arrived(req.url ?? '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => {
    if (server.listening) server.closeAllConnections();
    server.close();
  });

  const requestArrives = (path: string) => new Promise<void>((resolve) => (arrived = (at) => at === path && resolve()));

  it('stops at once past a connection that never carried a request, and lets the request being answered finish with its answer', async () => {
    const closing = closableServer(server);
    const idle = await preconnect(port);
    const arrives = requestArrives('/slow');
    const answer = get(port, '/slow');
    await arrives;

    let stopped = false;
    const stop = closing.close(60_000).then(() => (stopped = true));
    // The preconnect is ended at once; the request being answered holds the server open.
    await idle.closed;
    expect(stopped).toBe(false);
    expect(server.listening).toBe(false);

    waiting.get('/slow')!('done');
    expect(await answer).toEqual({ status: 200, body: 'done', connection: 'close' });
    await stop;
    expect(stopped).toBe(true);
  });
});

describe('closableServer, a browser keeping its connection alive', () => {
  it('answers the request in flight with Connection: close, and stops once it is sent, not at the end of the grace', async () => {
    let answer!: (body: string) => void;
    let received!: () => void;
    const arrived = new Promise<void>((resolve) => (received = resolve));
    const server = createServer((_req, res) => {
      answer = (body) => res.end(body);
      received();
    });
    const closing = closableServer(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const agent = new Agent({ keepAlive: true });
    try {
      const reply = get(port, '/news', agent);
      await arrived;
      // A grace far longer than jest's 30 s per test: waiting for it would fail the test.
      const stop = closing.close(120_000);
      answer('nothing new');
      expect(await reply).toEqual({ status: 200, body: 'nothing new', connection: 'close' });
      await stop;
      expect(server.listening).toBe(false);
    } finally {
      agent.destroy();
      server.closeAllConnections();
    }
  });
});

describe('closableServer under restify, a request sent with Expect: 100-continue', () => {
  it('is answered in full, not cut as a connection that never carried a request', async () => {
    const server = restify.createServer();
    let answer!: () => void;
    let received!: () => void;
    const arrived = new Promise<void>((resolve) => (received = resolve));
    server.post('/api/messages', async (_req: restify.Request, res: restify.Response) => {
      received();
      await new Promise<void>((resolve) => (answer = resolve));
      res.send(200, { ok: true });
    });
    const closing = closableServer(server.server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as AddressInfo).port;
    try {
      const reply = new Promise<{ status: number; body: string }>((resolve, reject) => {
        const body = JSON.stringify({ type: 'message', text: 'hello' });
        const req = request(
          { host: '127.0.0.1', port, path: '/api/messages', method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' } },
          (res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        // The body goes once the server says to continue, as curl sends a large one.
        req.on('continue', () => req.end(body));
        req.on('error', reject);
      });
      await arrived;
      const stop = closing.close(120_000);
      answer();
      expect(await reply).toEqual({ status: 200, body: '{"ok":true}' });
      await stop;
    } finally {
      server.server.closeAllConnections();
    }
  });
});

describe('closableServer, a request that never finishes', () => {
  it('is ended once the grace period has passed, and the server stops', async () => {
    const server = createServer(() => undefined);
    const closing = closableServer(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    let received!: () => void;
    const arrived = new Promise<void>((resolve) => (received = resolve));
    server.on('request', () => received());
    const answer = get(port, '/never').then(
      () => 'answered',
      (error: NodeJS.ErrnoException) => error.code,
    );
    await arrived;
    await closing.close(50);
    expect(await answer).toBe('ECONNRESET');
    expect(server.listening).toBe(false);
  });
});

describe('npm start, stopped with SIGTERM while a browser holds connections', () => {
  let folder: string;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    await ensureServerCompiled();
    folder = await mkdtemp(join(tmpdir(), 'one-story-stop-'));
  }, 240_000);

  afterAll(async () => {
    // If it did not stop, it is killed rather than left running.
    if (server?.running) await server.kill();
    await rm(folder, { recursive: true, force: true });
  });

  it('exits by itself with code 0: nothing it answered is cut, and no connection holds it', async () => {
    server = await ServerProcess.start({ dataDir: join(folder, 'data'), encryptionKey: randomBytes(32).toString('base64'), cwd: folder, logLevel: 'silent' });
    const port = Number(new URL(server.baseUrl).port);
    // One connection used and kept alive, as a browser keeps it, and one opened ahead of time and never used.
    const agent = new Agent({ keepAlive: true });
    try {
      const page = await get(port, '/', agent);
      expect(page).toMatchObject({ status: 200, connection: 'keep-alive' });
      const unused = await preconnect(port);
      await server.stop();
      expect(server.exitCode).toBe(0);
      await unused.closed;
    } finally {
      agent.destroy();
    }
  });
});
