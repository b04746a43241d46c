import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, scryptSync } from 'node:crypto';
import type { Stores } from '../../data/stores.js';
import type { StaffActor } from '../../useCases/staff/staffAccounts.js';
import { StaffAccountService } from '../../useCases/staff/staffAccountService.js';
import { StaffSessionStore } from '../../useCases/staff/staffSessionStore.js';
import { STAFF_PASSWORD_HASHING } from '../../useCases/staff/passwords.js';
import { storeKinds, type StoreKind } from '../support/storeKinds.js';
import { TEST_PASSWORD_HASHING, totpCode } from '../support/staffSession.js';

/**
 * The staff accounts' rules, on both stores (the embedded encrypted files and PostgreSQL): one account per
 * email (however it is typed, and when two invitations race), admins act only within their agency, an
 * agency keeps an admin who can sign in, removal and role changes end sessions, and what is kept at rest
 * shows no email, password or TOTP secret. The rules are checked with a test's cheaper password hash; the
 * last test shows that production's cost is the one used when none is passed.
 */

const key = randomBytes(32);
const AGENCY = 'cambridge-housing-options';
const OTHER = 'peterborough-housing-needs';
const OPERATOR: StaffActor = { kind: 'operator' };

const KINDS = storeKinds(key);

describe.each(KINDS)('staff accounts on the %s store', (_name, make) => {
  let kind: StoreKind;
  let stores: Stores;
  let accounts: StaffAccountService;
  let sessions: StaffSessionStore;
  let now = new Date('2026-04-01T10:00:00Z');

  beforeAll(async () => {
    kind = await make();
    stores = await kind.open();
    const clock = () => now;
    sessions = new StaffSessionStore({ documents: stores.documents, audit: stores.audit, clock, idleMinutes: 30 });
    accounts = new StaffAccountService({
      documents: stores.documents,
      coordination: stores.coordination,
      audit: stores.audit,
      clock,
      sessions,
      agencyExists: (id) => [AGENCY, OTHER].includes(id),
      passwordHashing: TEST_PASSWORD_HASHING,
    });
    sessions.useAccounts(accounts);
  });
  afterAll(async () => {
    await stores.close();
    await kind.cleanup();
  });

  /** Invites and sets up an account (password, TOTP): resolves with its id. */
  async function active(agencyId: string | null, email: string, role: 'worker' | 'agency-admin' | 'partnership'): Promise<string> {
    const invited = await accounts.invite(OPERATOR, { agencyId, email, role });
    if ('refused' in invited) throw new Error(invited.refused);
    const chosen = await accounts.choosePassword(invited.setupToken, 'amber lighthouse forty tulips', 'amber lighthouse forty tulips');
    if (chosen.problem || chosen.state.kind !== 'totp') throw new Error('no TOTP step');
    now = new Date(now.getTime() + 30_000);
    const done = await accounts.confirmTotp(invited.setupToken, totpCode(chosen.state.totpSecret, now));
    if (!('recoveryCodes' in done)) throw new Error(done.refused);
    return invited.staff.staffId;
  }

  it('should keep one account per email, however it is typed, even when two invitations race', async () => {
    const results = await Promise.all([
      accounts.invite(OPERATOR, { agencyId: AGENCY, email: 'Sam.Race@Example.org', role: 'worker' }),
      accounts.invite(OPERATOR, { agencyId: OTHER, email: ' sam.race@example.ORG ', role: 'worker' }),
    ]);
    expect(results.filter((result) => 'refused' in result)).toEqual([{ refused: 'already_exists' }]);
    expect((await accounts.findByEmail('SAM.RACE@example.org'))?.email).toBe('sam.race@example.org');
    expect(await accounts.invite(OPERATOR, { agencyId: AGENCY, email: 'not an email', role: 'worker' })).toEqual({ refused: 'invalid' });
    expect(await accounts.invite(OPERATOR, { agencyId: 'no-such-agency', email: 'x@example.org', role: 'worker' })).toEqual({ refused: 'invalid' });
    expect(await accounts.invite(OPERATOR, { agencyId: AGENCY, email: 'x@example.org', role: 'partnership' })).toEqual({ refused: 'invalid' });
  });

  it('should let an admin act only within their own agency', async () => {
    const adminId = await active(AGENCY, 'alex.admin@example.org', 'agency-admin');
    const admin: StaffActor = { kind: 'staff', staffId: adminId, agencyId: AGENCY, role: 'agency-admin' };
    const outsider = await active(OTHER, 'olu.other@example.org', 'worker');
    expect(await accounts.invite(admin, { agencyId: OTHER, email: 'new.one@example.org', role: 'worker' })).toEqual({ refused: 'not_allowed' });
    expect(await accounts.invite(admin, { agencyId: null, email: 'new.one@example.org', role: 'partnership' })).toEqual({ refused: 'not_allowed' });
    expect(await accounts.remove(admin, outsider)).toEqual({ refused: 'not_allowed' });
    expect(await accounts.changeRole(admin, outsider, 'agency-admin')).toEqual({ refused: 'not_allowed' });
    const worker: StaffActor = { kind: 'staff', staffId: outsider, agencyId: OTHER, role: 'worker' };
    expect(await accounts.invite(worker, { agencyId: OTHER, email: 'new.two@example.org', role: 'worker' })).toEqual({ refused: 'not_allowed' });
    const invited = await accounts.invite(admin, { agencyId: AGENCY, email: 'new.one@example.org', role: 'worker' });
    expect(invited).toMatchObject({ staff: { agencyId: AGENCY, role: 'worker', status: 'invited' } });
    const entries = JSON.stringify(await kind.atRest());
    expect(entries).not.toContain('new.one@example.org');
  });

  it('should never leave an agency without an admin who can sign in', async () => {
    const first = await active(OTHER, 'first.admin@example.org', 'agency-admin');
    const by: StaffActor = { kind: 'staff', staffId: first, agencyId: OTHER, role: 'agency-admin' };
    expect(await accounts.remove(by, first)).toEqual({ refused: 'last_admin' });
    expect(await accounts.changeRole(by, first, 'worker')).toEqual({ refused: 'last_admin' });
    // An invited admin (no password yet) does not count.
    const invited = await accounts.invite(by, { agencyId: OTHER, email: 'second.admin@example.org', role: 'agency-admin' });
    expect('refused' in invited).toBe(false);
    expect(await accounts.remove(OPERATOR, first)).toEqual({ refused: 'last_admin' });
    const second = await active(OTHER, 'third.admin@example.org', 'agency-admin');
    expect(await accounts.changeRole(by, first, 'worker')).toMatchObject({ role: 'worker' });
    expect(await accounts.remove(OPERATOR, second)).toEqual({ refused: 'last_admin' });
  });

  it('should end every session on removal, and let the email be invited again', async () => {
    const staffId = await active(AGENCY, 'gone.soon@example.org', 'worker');
    const one = await sessions.start(staffId, 'password-totp');
    const two = await sessions.start(staffId, 'password-totp');
    expect(await sessions.open(one.token)).toMatchObject({ staffId, agencyId: AGENCY, role: 'worker', csrfToken: one.session.csrfToken });
    expect(await accounts.remove(OPERATOR, staffId)).toMatchObject({ status: 'removed' });
    expect(await sessions.open(one.token)).toBeUndefined();
    expect(await sessions.open(two.token)).toBeUndefined();
    expect(await accounts.checkPassword('gone.soon@example.org', 'amber lighthouse forty tulips')).toBeUndefined();
    await expect(sessions.start(staffId, 'password-totp')).rejects.toThrow();
    const again = await accounts.invite(OPERATOR, { agencyId: AGENCY, email: 'gone.soon@example.org', role: 'worker' });
    expect(again).toMatchObject({ staff: { status: 'invited' } });
    expect((await accounts.list(AGENCY)).filter((member) => member.email === 'gone.soon@example.org').map((member) => member.status)).toEqual(['removed', 'invited']);
  });

  it('should keep no email, password, TOTP secret or session token readable at rest', async () => {
    const invited = await accounts.invite(OPERATOR, { agencyId: AGENCY, email: 'quiet.person@example.org', role: 'worker' });
    if ('refused' in invited) throw new Error(invited.refused);
    const chosen = await accounts.choosePassword(invited.setupToken, 'amber lighthouse forty tulips', 'amber lighthouse forty tulips');
    if (chosen.problem || chosen.state.kind !== 'totp') throw new Error('no TOTP step');
    const { token } = await sessions.start((await active(AGENCY, 'other.quiet@example.org', 'worker')), 'password-totp');
    const atRest = await kind.atRest();
    for (const secret of ['quiet.person', 'amber lighthouse', chosen.state.totpSecret, invited.setupToken, token]) expect(atRest).not.toContain(secret);
  });
});

describe("production's password cost", () => {
  it('should hash with scrypt at N = 2^15, r = 8 (version 1) when no other hashing is passed, and sign in with it', async () => {
    const kind = await KINDS[0][1]();
    const stores = await kind.open();
    try {
      let now = new Date('2026-04-01T10:00:00Z');
      const clock = () => now;
      const sessions = new StaffSessionStore({ documents: stores.documents, audit: stores.audit, clock, idleMinutes: 30 });
      const accounts = new StaffAccountService({ documents: stores.documents, coordination: stores.coordination, audit: stores.audit, clock, sessions, agencyExists: () => true });
      sessions.useAccounts(accounts);
      expect(accounts.passwordHashing).toBe(STAFF_PASSWORD_HASHING);
      expect(STAFF_PASSWORD_HASHING.currentVersion).toBe('1');

      const password = 'amber lighthouse forty tulips';
      const invited = await accounts.invite(OPERATOR, { agencyId: AGENCY, email: 'full.cost@example.org', role: 'worker' });
      if ('refused' in invited) throw new Error(invited.refused);
      const chosen = await accounts.choosePassword(invited.setupToken, password, password);
      if (chosen.problem || chosen.state.kind !== 'totp') throw new Error('no TOTP step');
      now = new Date(now.getTime() + 30_000);
      expect(await accounts.confirmTotp(invited.setupToken, totpCode(chosen.state.totpSecret, now))).toHaveProperty('recoveryCodes');

      // The stored hash names version 1, and is what scrypt at N = 2^15, r = 8, p = 1 makes of the password.
      const stored = await stores.documents.read<{ passwordHash: string }>('staff-accounts', invited.staff.staffId);
      const [scheme, version, salt, hash] = stored!.passwordHash.split('$');
      expect([scheme, version]).toEqual(['scrypt', '1']);
      const worked = scryptSync(password, Buffer.from(salt, 'base64url'), 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
      expect(hash).toBe(worked.toString('base64url'));
      expect(await accounts.checkPassword('full.cost@example.org', password)).toMatchObject({ staffId: invited.staff.staffId });
      // A hash made at the test's cost opens nothing where production's hashing is used.
      expect(await STAFF_PASSWORD_HASHING.verify(password, await TEST_PASSWORD_HASHING.hash(password))).toEqual({ matches: false, outdated: false });
      // A stored hash cut short (empty, or a byte missing) matches no password, not every one.
      expect(await STAFF_PASSWORD_HASHING.verify(password, `scrypt$1$${salt}$`)).toEqual({ matches: false, outdated: false });
      expect(await STAFF_PASSWORD_HASHING.verify('anything at all', `scrypt$1$${salt}$!`)).toEqual({ matches: false, outdated: false });
      expect(await STAFF_PASSWORD_HASHING.verify(password, `scrypt$1$${salt}$${worked.subarray(0, 31).toString('base64url')}`)).toEqual({ matches: false, outdated: false });
    } finally {
      await stores.close();
      await kind.cleanup();
    }
  });
});
