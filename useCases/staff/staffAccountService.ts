import { randomBytes, randomUUID } from 'node:crypto';
import { AGENCY_ROLES, STAFF_ROLES, type StaffRole } from '../../domain/staff/staffRoles.js';
import type { AuditLog, Coordination, DocumentStore } from '../ports.js';
import { STAFF_PASSWORD_HASHING, passwordProblem, type PasswordHashing, type PasswordProblem } from './passwords.js';
import { acceptedTotpStep, hashRecoveryCode, looksLikeRecoveryCode, matchingRecoveryCode, newRecoveryCodes, newTotpSecret } from './secondFactor.js';
import type { SetupInvitation, StaffAccounts, StaffActor, StaffChangeRefusal, StaffSummary } from './staffAccounts.js';
import { tokenHash } from './tokenHash.js';

/**
 * Staff accounts over the DocumentStore (the embedded encrypted store or PostgreSQL alike; both encrypt
 * what they keep). One document per account, found by id; an index by email (one account per address) and
 * one per agency. Setup links and recovery codes are kept only as hashes; the TOTP secret is kept in the
 * account document, which the store encrypts.
 */

const ACCOUNTS = 'staff-accounts';
const BY_EMAIL = 'staff-by-email';
const BY_AGENCY = 'staff-by-agency';
const SETUP_LINKS = 'staff-setup-links';
/** The partnership's accounts are listed under this key (they belong to no agency). */
export const PARTNERSHIP_LIST = '(partnership)';

export const SETUP_LINK_HOURS = 24;

interface StoredStaff extends StaffSummary {
  passwordHash?: string;
  /** The TOTP secret (base32) once confirmed; `pendingTotpSecret` while setup waits for the first code. */
  totpSecret?: string;
  pendingTotpSecret?: string;
  /** The TOTP step last accepted: a code is never accepted twice. */
  lastTotpStep?: number;
  recoveryCodes?: Array<{ hash: string; usedAt: string | null }>;
  /** The hash of the current setup link's token, until setup is done. */
  setupTokenHash?: string;
  setupExpiresAt?: string;
  removedAt?: string;
}

interface StoredSetupLink {
  staffId: string;
  expiresAt: string;
  usedAt: string | null;
}

/** Ends sessions when an account is removed or its role changes (StaffSessions.endEverywhere). */
export interface SessionEnder {
  endEverywhere(staffId: string): Promise<void>;
}

/** Where a setup link stands, as its page shows it. */
export type SetupState =
  | { kind: 'unknown' | 'expired' | 'used' }
  | { kind: 'password'; staff: StaffSummary }
  | { kind: 'totp'; staff: StaffSummary; totpSecret: string }
  | { kind: 'single-sign-on'; staff: StaffSummary };

/** What the second step of sign-in accepted. */
export type SecondFactorUsed = { by: 'totp' } | { by: 'recovery-code'; recoveryCodesLeft: number };

export function normaliseEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

/** A plausible address: something@something.something, no spaces, of a sane length. */
export function emailLooksValid(email: string): boolean {
  return email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}

function summary(stored: StoredStaff): StaffSummary {
  return {
    staffId: stored.staffId,
    agencyId: stored.agencyId,
    email: stored.email,
    role: stored.role,
    status: stored.status,
    singleSignOn: stored.singleSignOn,
    createdAt: stored.createdAt,
  };
}

export interface StaffAccountServiceParts {
  documents: DocumentStore;
  coordination: Coordination;
  audit: AuditLog;
  clock: () => Date;
  sessions: SessionEnder;
  /** Whether an agency id is in the directory. */
  agencyExists: (agencyId: string) => boolean;
  /** How passwords are hashed: production's (STAFF_PASSWORD_HASHING) unless code passes another (tests, a cheaper one). */
  passwordHashing?: PasswordHashing;
}

export class StaffAccountService implements StaffAccounts {
  private readonly documents: DocumentStore;
  readonly passwordHashing: PasswordHashing;

  constructor(private readonly parts: StaffAccountServiceParts) {
    this.documents = parts.documents;
    this.passwordHashing = parts.passwordHashing ?? STAFF_PASSWORD_HASHING;
  }

  async list(agencyId: string): Promise<StaffSummary[]> {
    const index = await this.documents.read<{ staffIds: string[] }>(BY_AGENCY, agencyId);
    const accounts = await Promise.all((index?.staffIds ?? []).map((staffId) => this.read(staffId)));
    return accounts.filter((stored): stored is StoredStaff => stored !== undefined).map(summary);
  }

  /** The partnership's accounts. */
  listPartnership(): Promise<StaffSummary[]> {
    return this.list(PARTNERSHIP_LIST);
  }

  async get(staffId: string): Promise<StaffSummary | undefined> {
    const stored = await this.read(staffId);
    return stored ? summary(stored) : undefined;
  }

  async findByEmail(email: string): Promise<StaffSummary | undefined> {
    const stored = await this.readByEmail(email);
    return stored ? summary(stored) : undefined;
  }

  async invite(
    by: StaffActor,
    input: { agencyId: string | null; email: string; role: StaffRole; singleSignOn?: boolean },
  ): Promise<SetupInvitation | { refused: StaffChangeRefusal }> {
    const email = normaliseEmail(input.email);
    if (!emailLooksValid(email) || !(STAFF_ROLES as readonly string[]).includes(input.role)) return { refused: 'invalid' };
    const isPartnership = input.role === 'partnership';
    if (isPartnership !== (input.agencyId === null)) return { refused: 'invalid' };
    if (input.agencyId !== null && !this.parts.agencyExists(input.agencyId)) return { refused: 'invalid' };
    if (!this.mayManage(by, input.agencyId)) return { refused: 'not_allowed' };
    const listKey = input.agencyId ?? PARTNERSHIP_LIST;
    return this.parts.coordination.withLock(`staff:${tokenHash(email)}`, async () => {
      const existing = await this.readByEmail(email);
      if (existing && existing.status !== 'removed') return { refused: 'already_exists' as const };
      const now = this.parts.clock();
      const staffId = randomUUID();
      const setupToken = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + SETUP_LINK_HOURS * 3_600_000).toISOString();
      const stored: StoredStaff = {
        staffId,
        agencyId: input.agencyId,
        email,
        role: input.role,
        // With single sign-on there is no password to choose: the account becomes active at the first sign-in
        // through the agency's provider (activateForSingleSignOn), which vouches for the email.
        status: 'invited',
        singleSignOn: input.singleSignOn === true,
        createdAt: now.toISOString(),
        setupTokenHash: tokenHash(setupToken),
        setupExpiresAt: expiresAt,
      };
      await this.documents.write(ACCOUNTS, staffId, stored);
      await this.documents.write<StoredSetupLink>(SETUP_LINKS, tokenHash(setupToken), { staffId, expiresAt, usedAt: null });
      await this.documents.write(BY_EMAIL, tokenHash(email), { staffId });
      await this.documents.update<{ staffIds: string[] }>(BY_AGENCY, listKey, (index) => ({ staffIds: [...(index?.staffIds ?? []), staffId] }));
      await this.parts.audit.record({ event: 'staff.created', staffId, agencyId: input.agencyId ?? undefined, status: input.role, ...actorFact(by) });
      return { staff: summary(stored), setupToken, expiresAt };
    });
  }

  /** A new setup link for an invited account (the old one stops working), e.g. when the first one expired. */
  async renewSetupLink(by: StaffActor, staffId: string): Promise<SetupInvitation | { refused: StaffChangeRefusal }> {
    const stored = await this.read(staffId);
    if (!stored) return { refused: 'not_found' };
    if (!this.mayManage(by, stored.agencyId)) return { refused: 'not_allowed' };
    if (stored.status !== 'invited') return { refused: 'invalid' };
    const setupToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.parts.clock().getTime() + SETUP_LINK_HOURS * 3_600_000).toISOString();
    if (stored.setupTokenHash) await this.documents.delete(SETUP_LINKS, stored.setupTokenHash);
    await this.documents.write<StoredSetupLink>(SETUP_LINKS, tokenHash(setupToken), { staffId, expiresAt, usedAt: null });
    const renewed = await this.documents.update<StoredStaff>(ACCOUNTS, staffId, (current) => ({ ...current!, setupTokenHash: tokenHash(setupToken), setupExpiresAt: expiresAt }));
    return { staff: summary(renewed), setupToken, expiresAt };
  }

  async changeRole(by: StaffActor, staffId: string, role: StaffRole): Promise<StaffSummary | { refused: StaffChangeRefusal }> {
    if (!(AGENCY_ROLES as readonly string[]).includes(role)) return { refused: 'invalid' };
    const first = await this.read(staffId);
    if (!first || first.status === 'removed') return { refused: 'not_found' };
    if (first.agencyId === null) return { refused: 'invalid' };
    if (!this.mayManage(by, first.agencyId)) return { refused: 'not_allowed' };
    const agencyId = first.agencyId;
    return this.parts.coordination.withLock(`staff-agency:${agencyId}`, async () => {
      const stored = await this.read(staffId);
      if (!stored || stored.status === 'removed') return { refused: 'not_found' as const };
      if (stored.role === role) return summary(stored);
      if (stored.role === 'agency-admin' && stored.status === 'active' && (await this.otherAdmins(agencyId, staffId)) === 0) return { refused: 'last_admin' as const };
      const changed = await this.documents.update<StoredStaff>(ACCOUNTS, staffId, (current) => ({ ...current!, role }));
      // What the old role allowed stops at once: they sign in again to work in the new one.
      await this.parts.sessions.endEverywhere(staffId);
      await this.parts.audit.record({ event: 'staff.role-changed', staffId, agencyId, status: role, ...actorFact(by) });
      return summary(changed);
    });
  }

  async remove(by: StaffActor, staffId: string): Promise<StaffSummary | { refused: StaffChangeRefusal }> {
    const first = await this.read(staffId);
    if (!first || first.status === 'removed') return { refused: 'not_found' };
    if (!this.mayManage(by, first.agencyId)) return { refused: 'not_allowed' };
    const listKey = first.agencyId ?? PARTNERSHIP_LIST;
    return this.parts.coordination.withLock(`staff-agency:${listKey}`, async () => {
      const stored = await this.read(staffId);
      if (!stored || stored.status === 'removed') return { refused: 'not_found' as const };
      if (stored.role === 'agency-admin' && stored.status === 'active' && stored.agencyId && (await this.otherAdmins(stored.agencyId, staffId)) === 0) return { refused: 'last_admin' as const };
      const removed = await this.documents.update<StoredStaff>(ACCOUNTS, staffId, (current) => ({
        ...current!,
        status: 'removed',
        removedAt: this.parts.clock().toISOString(),
        // Nothing to sign in with is kept.
        passwordHash: undefined,
        totpSecret: undefined,
        pendingTotpSecret: undefined,
        recoveryCodes: undefined,
        setupTokenHash: undefined,
        setupExpiresAt: undefined,
      }));
      if (stored.setupTokenHash) await this.documents.delete(SETUP_LINKS, stored.setupTokenHash);
      await this.parts.sessions.endEverywhere(staffId);
      await this.parts.audit.record({ event: 'staff.removed', staffId, agencyId: stored.agencyId ?? undefined, ...actorFact(by) });
      return summary(removed);
    });
  }

  async activateForSingleSignOn(staffId: string): Promise<StaffSummary | { refused: StaffChangeRefusal }> {
    const first = await this.read(staffId);
    if (!first || first.status === 'removed') return { refused: 'not_found' };
    // Under the lock `remove` takes, so an account removed meanwhile stays removed.
    return this.parts.coordination.withLock(`staff-agency:${first.agencyId ?? PARTNERSHIP_LIST}`, async () => {
      const stored = await this.read(staffId);
      if (!stored || stored.status === 'removed') return { refused: 'not_found' as const };
      if (stored.status !== 'invited' || !stored.singleSignOn) return { refused: 'not_allowed' as const };
      const active = await this.documents.update<StoredStaff>(ACCOUNTS, staffId, (current) => ({ ...current!, status: 'active', setupTokenHash: undefined, setupExpiresAt: undefined }));
      if (stored.setupTokenHash) await this.documents.delete(SETUP_LINKS, stored.setupTokenHash);
      await this.parts.audit.record({ event: 'staff.setup-completed', staffId, agencyId: stored.agencyId ?? undefined, status: 'single-sign-on' });
      return summary(active);
    });
  }

  // --- Setup: the link's page, a password, TOTP, recovery codes -------------------------------------------

  async setupState(token: string): Promise<SetupState> {
    const found = await this.setupLink(token);
    if ('kind' in found) return found;
    const { stored } = found;
    if (stored.singleSignOn) return { kind: 'single-sign-on', staff: summary(stored) };
    if (!stored.passwordHash || !stored.pendingTotpSecret) return { kind: 'password', staff: summary(stored) };
    return { kind: 'totp', staff: summary(stored), totpSecret: stored.pendingTotpSecret };
  }

  /** Step one: a password (checked, then hashed), and a new TOTP secret to enrol. */
  async choosePassword(token: string, password: string, confirmation: string): Promise<{ problem: PasswordProblem } | { problem?: undefined; state: SetupState }> {
    const found = await this.setupLink(token);
    if ('kind' in found) return { state: found };
    const problem = await passwordProblem(password, confirmation, { email: found.stored.email });
    if (problem) return { problem };
    const passwordHash = await this.passwordHashing.hash(password);
    await this.documents.update<StoredStaff>(ACCOUNTS, found.stored.staffId, (current) => ({ ...current!, passwordHash, pendingTotpSecret: newTotpSecret() }));
    return { state: await this.setupState(token) };
  }

  /** Goes back from the TOTP step to choose the password again (a new TOTP secret comes with it). */
  async restartSetup(token: string): Promise<void> {
    const found = await this.setupLink(token);
    if ('kind' in found) return;
    await this.documents.update<StoredStaff>(ACCOUNTS, found.stored.staffId, (current) => ({ ...current!, passwordHash: undefined, pendingTotpSecret: undefined }));
  }

  /**
   * Step two: the first code from their app proves it is set up. The account becomes active, the link stops
   * working, and the recovery codes are returned: the only time anyone sees them.
   */
  async confirmTotp(token: string, code: string): Promise<{ refused: 'wrong_code' } | { refused: 'link'; state: SetupState } | { recoveryCodes: string[]; staff: StaffSummary }> {
    const found = await this.setupLink(token);
    if ('kind' in found) return { refused: 'link', state: found };
    const secret = found.stored.pendingTotpSecret;
    if (!found.stored.passwordHash || !secret) return { refused: 'link', state: await this.setupState(token) };
    const step = acceptedTotpStep(secret, code, this.parts.clock(), undefined);
    if (step === undefined) return { refused: 'wrong_code' };
    const recoveryCodes = newRecoveryCodes();
    const now = this.parts.clock().toISOString();
    const active = await this.documents.update<StoredStaff>(ACCOUNTS, found.stored.staffId, (current) => ({
      ...current!,
      status: 'active',
      totpSecret: secret,
      pendingTotpSecret: undefined,
      lastTotpStep: step,
      recoveryCodes: recoveryCodes.map((recoveryCode) => ({ hash: hashRecoveryCode(recoveryCode), usedAt: null })),
      setupTokenHash: undefined,
      setupExpiresAt: undefined,
    }));
    await this.documents.write<StoredSetupLink>(SETUP_LINKS, tokenHash(token), { ...found.link, usedAt: now });
    await this.parts.audit.record({ event: 'staff.setup-completed', staffId: active.staffId, agencyId: active.agencyId ?? undefined });
    return { recoveryCodes, staff: summary(active) };
  }

  // --- Sign-in ---------------------------------------------------------------------------------------------

  /**
   * Step one of sign-in: the account this email and password open, or undefined, whichever was wrong (an
   * unknown email costs a password check too, so neither the answer nor its time tells which).
   */
  async checkPassword(email: string, password: string): Promise<StaffSummary | undefined> {
    const stored = await this.readByEmail(email);
    const usable = stored && stored.status === 'active' && !stored.singleSignOn && stored.passwordHash && stored.totpSecret ? stored : undefined;
    const check = await this.passwordHashing.verify(password, usable?.passwordHash ?? (await this.passwordHashing.decoyHash()));
    if (!usable || !check.matches) {
      await this.parts.audit.record({ event: 'staff.sign-in-refused', status: 'password', ...(stored ? { staffId: stored.staffId } : {}) });
      return undefined;
    }
    if (check.outdated) {
      const passwordHash = await this.passwordHashing.hash(password);
      await this.documents.update<StoredStaff>(ACCOUNTS, usable.staffId, (current) => ({ ...current!, passwordHash }));
    }
    return summary(usable);
  }

  /** Step two: a code from their app, or one of their recovery codes (which then never works again). */
  async checkSecondFactor(staffId: string, typed: string): Promise<SecondFactorUsed | undefined> {
    const refused = async () => {
      await this.parts.audit.record({ event: 'staff.sign-in-refused', staffId, status: 'second-factor' });
      return undefined;
    };
    const stored = await this.read(staffId);
    if (!stored || stored.status !== 'active' || !stored.totpSecret) return refused();
    const now = this.parts.clock();
    if (looksLikeRecoveryCode(typed)) {
      const codes = stored.recoveryCodes ?? [];
      const index = matchingRecoveryCode(typed, codes.map((code) => code.hash));
      if (index === -1 || codes[index].usedAt !== null) return refused();
      let spent = false;
      const updated = await this.documents.update<StoredStaff>(ACCOUNTS, staffId, (current) => {
        const currentCodes = current!.recoveryCodes ?? [];
        // Checked again inside the update: two tries of the same code at once cannot both succeed.
        if (currentCodes[index]?.usedAt !== null) return current!;
        spent = true;
        return { ...current!, recoveryCodes: currentCodes.map((code, at) => (at === index ? { ...code, usedAt: now.toISOString() } : code)) };
      });
      if (!spent) return refused();
      const left = (updated.recoveryCodes ?? []).filter((code) => code.usedAt === null).length;
      await this.parts.audit.record({ event: 'staff.recovery-code-used', staffId, agencyId: stored.agencyId ?? undefined, counts: { left } });
      return { by: 'recovery-code', recoveryCodesLeft: left };
    }
    const step = acceptedTotpStep(stored.totpSecret, typed, now, stored.lastTotpStep);
    if (step === undefined) return refused();
    let accepted = false;
    await this.documents.update<StoredStaff>(ACCOUNTS, staffId, (current) => {
      if (current!.lastTotpStep !== undefined && step <= current!.lastTotpStep) return current!;
      accepted = true;
      return { ...current!, lastTotpStep: step };
    });
    return accepted ? { by: 'totp' } : refused();
  }

  /** How many unused recovery codes the account has (the account page says so). */
  async recoveryCodesLeft(staffId: string): Promise<number> {
    const stored = await this.read(staffId);
    return (stored?.recoveryCodes ?? []).filter((code) => code.usedAt === null).length;
  }

  /** Ten new recovery codes (the old ones stop working), shown once. */
  async replaceRecoveryCodes(staffId: string): Promise<string[] | undefined> {
    const stored = await this.read(staffId);
    if (!stored || stored.status !== 'active' || !stored.totpSecret) return undefined;
    const recoveryCodes = newRecoveryCodes();
    await this.documents.update<StoredStaff>(ACCOUNTS, staffId, (current) => ({
      ...current!,
      recoveryCodes: recoveryCodes.map((recoveryCode) => ({ hash: hashRecoveryCode(recoveryCode), usedAt: null })),
    }));
    return recoveryCodes;
  }

  // --- Helpers ---------------------------------------------------------------------------------------------

  private read(staffId: string): Promise<StoredStaff | undefined> {
    return this.documents.read<StoredStaff>(ACCOUNTS, staffId);
  }

  private async readByEmail(email: string): Promise<StoredStaff | undefined> {
    const index = await this.documents.read<{ staffId: string }>(BY_EMAIL, tokenHash(normaliseEmail(email)));
    return index ? this.read(index.staffId) : undefined;
  }

  private async setupLink(token: string): Promise<{ kind: 'unknown' | 'expired' | 'used' } | { stored: StoredStaff; link: StoredSetupLink }> {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return { kind: 'unknown' };
    const link = await this.documents.read<StoredSetupLink>(SETUP_LINKS, tokenHash(token));
    if (!link) return { kind: 'unknown' };
    if (link.usedAt !== null) return { kind: 'used' };
    const stored = await this.read(link.staffId);
    if (!stored || stored.status === 'removed' || stored.setupTokenHash !== tokenHash(token)) return { kind: 'unknown' };
    if (Date.parse(link.expiresAt) <= this.parts.clock().getTime()) return { kind: 'expired' };
    if (stored.status === 'active' && !stored.singleSignOn) return { kind: 'used' };
    return { stored, link };
  }

  /** Admins act only within their own agency; the partnership's accounts are the operator's to make. */
  private mayManage(by: StaffActor, agencyId: string | null): boolean {
    if (by.kind === 'operator') return true;
    return by.role === 'agency-admin' && agencyId !== null && by.agencyId === agencyId;
  }

  /** Admins of the agency besides this one who can sign in: an agency is never left without one. */
  private async otherAdmins(agencyId: string, staffId: string): Promise<number> {
    const staff = await this.list(agencyId);
    return staff.filter((member) => member.staffId !== staffId && member.role === 'agency-admin' && member.status === 'active').length;
  }
}

function actorFact(by: StaffActor): { actorStaffId?: string } {
  return by.kind === 'staff' ? { actorStaffId: by.staffId } : {};
}
