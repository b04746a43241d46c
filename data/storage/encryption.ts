import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption at rest: AES-256-GCM with a random 12-byte IV per write and the key id stored beside the
 * ciphertext, so a file written under another key is refused with a clear error rather than misread.
 * The record's collection and id are bound as additional data: a file copied into another person's
 * place fails to decrypt instead of silently showing one person's story to another.
 */

export const ENCRYPTION_KEY_BYTES = 32;
const IV_BYTES = 12;
/** File names kept in memory, whatever the number of people stored. */
const NAMES_KEPT = 10_000;

export interface EncryptedEnvelope {
  v: 1;
  alg: 'A256GCM';
  kid: string;
  iv: string;
  tag: string;
  data: string;
}

export class EncryptionKeyMismatchError extends Error {
  constructor(public readonly storedKeyId: string, public readonly currentKeyId: string) {
    super(`stored data was encrypted with key ${storedKeyId}, but the current key is ${currentKeyId}`);
    this.name = 'EncryptionKeyMismatchError';
  }
}

export class RecordCipher {
  readonly keyId: string;
  private readonly nameKey: Buffer;
  /** Recently computed file names: a turn names the same few records again and again (bounded). */
  private readonly names = new Map<string, string>();

  constructor(private readonly key: Buffer) {
    if (key.length !== ENCRYPTION_KEY_BYTES) throw new Error(`the encryption key must be ${ENCRYPTION_KEY_BYTES} bytes`);
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 12);
    // A separate key for file names, derived so that knowing a file name reveals nothing about the data key.
    this.nameKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'one-story file names', 32));
  }

  encrypt(plaintext: string, boundTo: string): EncryptedEnvelope {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(boundTo, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return {
      v: 1,
      alg: 'A256GCM',
      kid: this.keyId,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
  }

  decrypt(envelope: EncryptedEnvelope, boundTo: string): string {
    if (envelope.kid !== this.keyId) throw new EncryptionKeyMismatchError(envelope.kid, this.keyId);
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(envelope.iv, 'base64'));
    decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(envelope.data, 'base64')), decipher.final()]).toString('utf8');
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
