import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, randomFillSync } from 'node:crypto';

/**
 * Encryption at rest: AES-256-GCM with a random 12-byte IV per write and the id of the key beside the
 * ciphertext. Keys rotate: a key ring holds the current key (every write) and older ones (read only), so a
 * record is read with whichever key it names and a record under a key that is not in the ring is refused
 * with a clear error rather than misread.
 *
 * What a record is bound to (its additional data): a record written since keys could rotate (`v: 2`) is
 * bound to its collection and its stored name (the keyed hash of its id, which is its file name or row
 * key), so `npm run rekey` can re-encrypt it knowing only where it is stored; a record written before
 * (`v: 1`) is bound to its collection and id. Either way a file copied into another person's place fails to
 * decrypt instead of silently showing one person's story to another.
 */

export const ENCRYPTION_KEY_BYTES = 32;
const IV_BYTES = 12;
/** File names kept in memory, whatever the number of people stored. */
const NAMES_KEPT = 10_000;

export interface EncryptedEnvelope {
  v: 1 | 2;
  alg: 'A256GCM';
  kid: string;
  iv: string;
  tag: string;
  data: string;
}

/** Whether a parsed JSON value is an envelope this code wrote. */
export function isEnvelope(value: unknown): value is EncryptedEnvelope {
  const candidate = value as Partial<EncryptedEnvelope> | null;
  return (
    typeof candidate === 'object' && candidate !== null && (candidate.v === 1 || candidate.v === 2) && candidate.alg === 'A256GCM' &&
    typeof candidate.kid === 'string' && typeof candidate.iv === 'string' && typeof candidate.tag === 'string' && typeof candidate.data === 'string'
  );
}

/** A stored record names a key that is not among the configured ones. */
export class UnknownEncryptionKeyError extends Error {
  constructor(public readonly storedKeyId: string, public readonly knownKeyIds: readonly string[]) {
    super(`stored data was encrypted with key ${storedKeyId}, which is not among the configured keys (${knownKeyIds.join(', ')}): add it to ONESTORY_ENCRYPTION_KEYS, after the current key`);
    this.name = 'UnknownEncryptionKeyError';
  }
}

/** A record from before keys could rotate is bound to its id, which only its reader knows (see RecordCipher). */
export class RecordBoundToIdError extends Error {
  constructor() {
    super('this record was written before keys could rotate and is bound to its id, which is not stored');
    this.name = 'RecordBoundToIdError';
  }
}

/** A data key and its id: the id is stored with every record it encrypts. */
export interface DataKey {
  id: string;
  key: Buffer;
}

/** The id every record encrypted by this key carried before keys had names: a fingerprint, not the key. */
export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

/** The data keys: the first encrypts every write; each key reads what carries its id or its fingerprint. */
export class KeyRing {
  readonly current: DataKey;
  private readonly byId = new Map<string, Buffer>();

  constructor(readonly keys: readonly DataKey[]) {
    if (keys.length === 0) throw new Error('at least one encryption key is needed');
    for (const { id, key } of keys) {
      if (key.length !== ENCRYPTION_KEY_BYTES) throw new Error(`the encryption key ${id} must be ${ENCRYPTION_KEY_BYTES} bytes`);
      // A key is known by its own id and by its fingerprint (what records written before it had an id carry).
      for (const name of [id, keyFingerprint(key)]) if (!this.byId.has(name)) this.byId.set(name, key);
    }
    this.current = keys[0];
  }

  static single(key: Buffer): KeyRing {
    return new KeyRing([{ id: keyFingerprint(key), key }]);
  }

  /** Whether an envelope is under the current key (nothing to re-encrypt). */
  isCurrent(envelope: EncryptedEnvelope): boolean {
    return this.byId.get(envelope.kid) === this.current.key;
  }

  seal(plaintext: string, additionalData: string, version: EncryptedEnvelope['v'] = 2): EncryptedEnvelope {
    const iv = freshIv();
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(additionalData, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { v: version, alg: 'A256GCM', kid: this.current.id, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  }

  open(envelope: EncryptedEnvelope, additionalData: string): string {
    const key = this.byId.get(envelope.kid);
    if (!key) throw new UnknownEncryptionKeyError(envelope.kid, this.keys.map((known) => known.id));
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'));
    decipher.setAAD(Buffer.from(additionalData, 'utf8'));
    decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(envelope.data, 'base64')), decipher.final()]).toString('utf8');
  }
}

/**
 * Random bytes for IVs, drawn from the system's generator a few hundred IVs at a time (as Node does for
 * randomUUID): one call per write cost more than the encryption itself. Every IV is used once: the pool
 * only moves forward, and is refilled when used up.
 */
const ivPool = Buffer.alloc(IV_BYTES * 256);
let ivPoolOffset = ivPool.length;

function freshIv(): Buffer {
  if (ivPoolOffset + IV_BYTES > ivPool.length) {
    randomFillSync(ivPool);
    ivPoolOffset = 0;
  }
  const iv = Buffer.from(ivPool.subarray(ivPoolOffset, ivPoolOffset + IV_BYTES));
  ivPoolOffset += IV_BYTES;
  return iv;
}

/** The naming key of a data folder whose file names came from this data key (as they all did before rotation). */
export function namingKeyFrom(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'one-story file names', 32));
}

/** Where a record is stored: its collection and its name (the file name without `.json`, or the row key). */
export interface StoredName {
  collection: string;
  name: string;
}

/** The additional data of a `v: 2` record: where it is stored. */
export function boundToStoredName({ collection, name }: StoredName): string {
  return `v2\u0000${collection}\u0000${name}`;
}

/** The additional data of a `v: 1` record: its collection and id. */
export function boundToId(collection: string, id: string): string {
  return `${collection}/${id}`;
}

export class RecordCipher {
  readonly keys: KeyRing;
  private readonly nameKey: Buffer;
  /** Recently computed file names: a turn names the same few records again and again (bounded). */
  private readonly names = new Map<string, string>();

  /**
   * `keys`: one data key (the naming key is then derived from it, as before rotation), or a key ring and
   * the naming key, which rotation leaves alone (see `data/storage/namingKey.ts`).
   */
  constructor(keys: Buffer | KeyRing, nameKey?: Buffer) {
    if (Buffer.isBuffer(keys)) {
      this.keys = KeyRing.single(keys);
      this.nameKey = nameKey ?? namingKeyFrom(keys);
    } else {
      if (!nameKey) throw new Error('a key ring needs its naming key');
      this.keys = keys;
      this.nameKey = nameKey;
    }
    if (this.nameKey.length !== 32) throw new Error('the naming key must be 32 bytes');
  }

  /** The current key's id (stored with every record written now). */
  get keyId(): string {
    return this.keys.current.id;
  }

  encrypt(plaintext: string, collection: string, id: string): EncryptedEnvelope {
    return this.keys.seal(plaintext, boundToStoredName({ collection, name: this.fileNameFor(collection, id) }));
  }

  decrypt(envelope: EncryptedEnvelope, collection: string, id: string): string {
    if (envelope.v === 1) return this.keys.open(envelope, boundToId(collection, id));
    return this.keys.open(envelope, boundToStoredName({ collection, name: this.fileNameFor(collection, id) }));
  }

  /**
   * The same record under the current key, knowing only where it is stored; undefined when it is already
   * under the current key. Throws UnknownEncryptionKeyError, or RecordBoundToIdError for a `v: 1` record.
   */
  reencrypt(envelope: EncryptedEnvelope, where: StoredName): EncryptedEnvelope | undefined {
    if (this.keys.isCurrent(envelope)) return undefined;
    if (envelope.v === 1) throw new RecordBoundToIdError();
    return this.keys.seal(this.keys.open(envelope, boundToStoredName(where)), boundToStoredName(where));
  }

  /** A stable, keyed file name for a record id: ids can be phone numbers, and must not show on disk. */
  fileNameFor(collection: string, id: string): string {
    const named = `${collection}\u0000${id}`;
    let name = this.names.get(named);
    if (name === undefined) {
      name = createHmac('sha256', this.nameKey).update(named).digest('hex');
      if (this.names.size >= NAMES_KEPT) this.names.delete(this.names.keys().next().value as string);
      this.names.set(named, name);
    }
    return name;
  }
}

export function generateEncryptionKey(): string {
  return randomBytes(ENCRYPTION_KEY_BYTES).toString('base64');
}
