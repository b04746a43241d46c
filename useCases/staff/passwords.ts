import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { strengthChecker } from './passwordStrength.js';

/**
 * Staff passwords: hashed with scrypt (memory-hard, from node:crypto), a random salt each, and the
 * parameters written into the stored hash with a version, so they can be raised later without breaking
 * hashes made before (an older hash is checked with its own parameters, and re-hashed at the next sign-in).
 */

export interface ScryptParameters {
  /** CPU and memory cost (a power of two): memory used is 128 × N × r bytes. */
  N: number;
  r: number;
  p: number;
  keyLength: number;
}

/** Version 1: N = 2^15, r = 8 (32 MiB a hash, about a tenth of a second), OWASP's recommended floor or above. */
const VERSIONS: Readonly<Record<string, Readonly<ScryptParameters>>> = Object.freeze({
  '1': Object.freeze({ N: 2 ** 15, r: 8, p: 1, keyLength: 32 }),
});
const CURRENT_VERSION = '1';
const SALT_BYTES = 16;

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase; bounded so hashing stays cheap for us whatever is sent. */
export const PASSWORD_MAX_LENGTH = 256;

function scrypt(password: string, salt: Buffer, parameters: ScryptParameters): Promise<Buffer> {
  const options: ScryptOptions = { N: parameters.N, r: parameters.r, p: parameters.p, maxmem: 256 * parameters.N * parameters.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize('NFKC'), salt, parameters.keyLength, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export interface PasswordCheck {
  matches: boolean;
  /** The hash was made with older parameters: hash the password again now that it is known. */
  outdated: boolean;
}

/**
 * The versions a stored hash may name, and the one new hashes get. Production's is STAFF_PASSWORD_HASHING,
 * fixed here: no setting changes it. Only code can pass another (the composition root's and the staff
 * account service's options, which tests use for a cheaper one under a version of its own, which
 * production does not know: a hash made so opens nothing there).
 */
export class PasswordHashing {
  private decoy?: Promise<string>;

  constructor(
    private readonly versions: Readonly<Record<string, Readonly<ScryptParameters>>>,
    readonly currentVersion: string,
  ) {}

  /** The parameters new hashes get. */
  get parameters(): Readonly<ScryptParameters> {
    return this.versions[this.currentVersion];
  }

  /** `scrypt$<version>$<salt base64url>$<hash base64url>`. */
  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await scrypt(password, salt, this.parameters);
    return `scrypt$${this.currentVersion}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  }

  /** A hash made for no one, checked when an email is unknown so the answer takes as long as for a real one. */
  decoyHash(): Promise<string> {
    this.decoy ??= this.hash(randomBytes(18).toString('base64url'));
    return this.decoy;
  }

  async verify(password: string, stored: string): Promise<PasswordCheck> {
    const [scheme, version, salt, hash] = stored.split('$');
    const parameters = Object.hasOwn(this.versions, version) ? this.versions[version] : undefined;
    if (scheme !== 'scrypt' || !parameters || !salt || !hash || password.length > PASSWORD_MAX_LENGTH) return { matches: false, outdated: false };
    const expected = Buffer.from(hash, 'base64url');
    // A stored hash of another length is not one we made (an empty one would match any password).
    if (expected.length !== parameters.keyLength) return { matches: false, outdated: false };
    const key = await scrypt(password, Buffer.from(salt, 'base64url'), { ...parameters, keyLength: expected.length });
    return { matches: key.length === expected.length && timingSafeEqual(key, expected), outdated: version !== this.currentVersion };
  }
}

/** How production hashes staff passwords (version 1). */
export const STAFF_PASSWORD_HASHING = new PasswordHashing(VERSIONS, CURRENT_VERSION);

/** Why a chosen password will not do (each has kind words in locales/<lang>/signIn.json). */
export type PasswordProblem = 'empty' | 'too_short' | 'too_long' | 'too_common' | 'mismatch';

/**
 * The first problem with a new password, or undefined: at least PASSWORD_MIN_LENGTH characters, and not
 * guessable from common passwords, words, names, keyboard patterns or the person's own email address
 * (zxcvbn's score of 3 or more: "safely unguessable").
 */
export async function passwordProblem(password: string, confirmation: string, context: { email: string }): Promise<PasswordProblem | undefined> {
  if (password.length === 0) return 'empty';
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'too_long';
  const emailParts = context.email.split(/[@._+-]/).filter((part) => part.length > 2);
  if ((await strengthChecker()).check(password, [context.email, ...emailParts, 'one story', 'onestory']).score < 3) return 'too_common';
  if (password !== confirmation) return 'mismatch';
  return undefined;
}
