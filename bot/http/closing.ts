import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';

/** How long a request already being answered may take to finish once the server is asked to stop. */
export const CLOSE_GRACE_MS = 10_000;

/**
 * Lets an HTTP server stop even while browsers hold connections to it. Node's `server.close()` waits for
 * every connection to end; it ends the idle ones itself, but not one that has never carried a request. A
 * browser opens such connections ahead of time (a preconnect) and may keep them open for minutes: a server
 * asked to stop (SIGTERM, a test's teardown) would wait on them, with nothing left to answer.
 *
 * Call once, when the server is made; the returned `close` stops listening, ends every connection that never
 * carried a request and every idle one at once, lets the requests being answered finish, and after
 * `graceMs` ends whatever is still open.
 */
export function closableServer(server: HttpServer): { close(graceMs?: number): Promise<void> } {
  const open = new Set<Socket>();
  const used = new WeakSet<Socket>();
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  server.on('request', (request: { socket: Socket }) => used.add(request.socket));
  return {
    close: (graceMs = CLOSE_GRACE_MS) =>
      new Promise<void>((done) => {
        const giveUp = setTimeout(() => server.closeAllConnections(), graceMs);
        giveUp.unref();
        server.close(() => {
          clearTimeout(giveUp);
          done();
        });
        for (const socket of open) if (!used.has(socket)) socket.destroy();
      }),
  };
}
