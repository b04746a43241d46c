import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A loopback port free a moment ago: for a server whose address must be known before it starts (its PUBLIC_URL). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
