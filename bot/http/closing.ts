import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** How long the requests being answered may take to finish once the server is asked to stop. */
export const CLOSE_GRACE_MS = 10_000;

/**
 * Lets an HTTP server stop even while browsers hold connections to it. Node's `server.close()` waits for
 * every connection to end; it ends the idle ones itself, but not one that has never sent a byte. A browser
 * opens such connections ahead of time (a preconnect) and may keep them open for minutes, so a server asked
 * to stop (SIGTERM, a test's teardown) would wait on them with nothing left to answer. And a browser that
 * keeps its connection alive (Web Chat asks for news every half second) would be answered on it again and
 * again, holding the server open.
 *
 * Call once, when the server is made; the returned `close` stops listening and ends at once every connection
 * that never sent a byte and every idle one. The requests being answered finish, each answer saying
 * `Connection: close` (or, when its headers are out already, the connection ends once it is sent); a request
 * that comes meanwhile on an open connection is answered the same way. After `graceMs` whatever is still open
 * is ended.
 */
export function closableServer(server: HttpServer): { close(graceMs?: number): Promise<void> } {
  const open = new Set<Socket>();
  const answering = new Set<ServerResponse>();
  let closing = false;

  /** Once closing, the answer ends its connection: it says so when it still can, else the connection goes once it is sent. */
  const endConnectionAfter = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('connection', 'close');
    else res.once('finish', () => setImmediate(() => server.closeIdleConnections()));
  };

  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  // ('checkContinue' requests, sent with `Expect: 100-continue`, are not seen here: they are not ended early,
  // since they have sent bytes, but their connection may stay open until its answer is sent or the grace ends.)
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (closing) {
      endConnectionAfter(res);
      return;
    }
    answering.add(res);
    res.once('close', () => answering.delete(res));
  });

  return {
    close: (graceMs = CLOSE_GRACE_MS) =>
      new Promise<void>((done) => {
        closing = true;
        const giveUp = setTimeout(() => server.closeAllConnections(), graceMs);
        giveUp.unref();
        server.close(() => {
          clearTimeout(giveUp);
          done();
        });
        // A connection that has sent nothing holds no request.
        for (const socket of open) if (socket.bytesRead === 0) socket.destroy();
        for (const res of answering) endConnectionAfter(res);
      }),
  };
}
