import { createHash, randomBytes } from 'node:crypto';
import type { DocumentStore } from '../../useCases/ports.js';
import { constantTimeEqual } from '../security/constantTimeEqual.js';

const KEYS = 'agency-keys';
const KEYS_BY_AGENCY = 'agency-keys-by-agency';
const KEY_PREFIX = 'osk_';
const KEY_PATTERN = /^osk_([0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/;

interface StoredAgencyKey {
  keyId: string;
  agencyId: string;
  /** SHA-256 of the whole key. Keys are 256 random bits, so a fast hash is enough: there is nothing to guess. */
  keyHash: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface AgencyKeySummary {
  keyId: string;
  agencyId: string;
  createdAt: string;
  revokedAt: string | null;
}

/**
 * API keys for agencies: one agency each, shown once when created, stored only as a hash, revocable.
 * A key reads `osk_<keyId>.<secret>`: the key id finds the stored hash without scanning anything.
 */
export class AgencyKeyStore {
  constructor(private readonly documents: DocumentStore, private readonly clock: () => Date = () => new Date()) {}

  async create(agencyId: string): Promise<{ keyId: string; key: string }> {
    const keyId = randomBytes(8).toString('hex');
    const key = `${KEY_PREFIX}${keyId}.${randomBytes(32).toString('base64url')}`;
    const stored: StoredAgencyKey = { keyId, agencyId, keyHash: hashKey(key), createdAt: this.clock().toISOString(), revokedAt: null };
    await this.documents.write(KEYS, keyId, stored);
    await this.documents.update<{ keyIds: string[] }>(KEYS_BY_AGENCY, agencyId, (index) => ({ keyIds: [...(index?.keyIds ?? []), keyId] }));
    return { keyId, key };
  }

  /** Revokes a key; the next request made with it answers 401. Returns the key (undefined if unknown). */
  async revoke(keyId: string): Promise<(AgencyKeySummary & { alreadyRevoked: boolean }) | undefined> {
    if (!/^[0-9a-f]{16}$/.test(keyId)) return undefined;
    const stored = await this.documents.read<StoredAgencyKey>(KEYS, keyId);
    if (!stored) return undefined;
    if (stored.revokedAt !== null) return { ...summarise(stored), alreadyRevoked: true };
    const revoked = { ...stored, revokedAt: this.clock().toISOString() };
    await this.documents.write(KEYS, keyId, revoked);
    return { ...summarise(revoked), alreadyRevoked: false };
  }

  async list(agencyId: string): Promise<AgencyKeySummary[]> {
    const index = (await this.documents.read<{ keyIds: string[] }>(KEYS_BY_AGENCY, agencyId)) ?? { keyIds: [] };
    const keys = await Promise.all(index.keyIds.map((keyId) => this.documents.read<StoredAgencyKey>(KEYS, keyId)));
    return keys.filter((key): key is StoredAgencyKey => key !== undefined).map(summarise);
  }

  /** The agency a presented key belongs to, or undefined for anything else (malformed, unknown, revoked). */
  async authenticate(presented: string): Promise<{ agencyId: string; keyId: string } | undefined> {
    const match = KEY_PATTERN.exec(presented);
    if (!match) return undefined;
    const stored = await this.documents.read<StoredAgencyKey>(KEYS, match[1]);
    if (!stored || !constantTimeEqual(stored.keyHash, hashKey(presented)) || stored.revokedAt !== null) return undefined;
    return { agencyId: stored.agencyId, keyId: stored.keyId };
  }
}

function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function summarise(stored: StoredAgencyKey): AgencyKeySummary {
  return { keyId: stored.keyId, agencyId: stored.agencyId, createdAt: stored.createdAt, revokedAt: stored.revokedAt };
}
