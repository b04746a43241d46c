import { describe, expect, it } from '@jest/globals';
import type { Server } from 'restify';
import { isLoopback } from '../../../bot/channels/directLine/connectorRoutes.js';
import { listeningUrl } from '../../../bot/channels/directLine/localDirectLine.js';

const serverAt = (address: unknown) => ({ address: () => address }) as unknown as Server;

describe('isLoopback', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])('should accept %s', (address) => expect(isLoopback(address)).toBe(true));
  it.each(['10.0.0.5', '192.168.1.2', '::ffff:10.0.0.5', 'fe80::1', '', undefined])('should refuse %s', (address) => expect(isLoopback(address)).toBe(false));
});

describe('listeningUrl', () => {
  it('should use the address the server listens on', () => {
    expect(listeningUrl(serverAt({ address: '127.0.0.1', family: 'IPv4', port: 4100 }))).toBe('http://127.0.0.1:4100');
    expect(listeningUrl(serverAt({ address: '::1', family: 'IPv6', port: 4100 }))).toBe('http://[::1]:4100');
  });

  it('when listening on every interface, should call itself over loopback', () => {
    expect(listeningUrl(serverAt({ address: '0.0.0.0', family: 'IPv4', port: 4100 }))).toBe('http://127.0.0.1:4100');
    expect(listeningUrl(serverAt({ address: '::', family: 'IPv6', port: 4100 }))).toBe('http://127.0.0.1:4100');
  });

  it('when not listening, should say so', () => {
    expect(() => listeningUrl(serverAt(null))).toThrow(/not listening/);
  });
});
