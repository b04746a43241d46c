import { request, type Agent } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as they came on the wire: not decompressed, as fetch would. */
  body: Buffer;
}

/**
 * A GET seen at the level of the wire: its bytes undecoded and every header (Connection included, which fetch
 * hides). On a connection of its own unless an agent is given (as a browser keeps its connection alive).
 */
export function rawGet(url: string, options: { headers?: Record<string, string>; agent?: Agent } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: options.headers, agent: options.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
