import { randomBytes, randomUUID } from 'node:crypto';
import type { AuditLog, DocumentStore } from '../ports.js';
import type { SignedInStaff, StaffAccounts, StaffSessions } from './staffAccounts.js';
import { tokenHash } from './tokenHash.js';

/**
 * Staff sessions over the DocumentStore: the cookie's random token is kept only as a hash (the session's
 * id in the store), with a CSRF token of its own, when it started and when it was last used. A session ends
 * after STAFF_IDLE_MINUTES without a request, after an absolute cap whatever happens, on sign-out, and
 * everywhere at once when the account is removed, its role changes or they sign out everywhere.
 */

const SESSIONS = 'staff-sessions';
const BY_STAFF = 'staff-sessions-by-staff';
/** Between the password and the code: who got the password right, for a few minutes. */
const SECOND_STEPS = 'staff-sign-in-second-steps';
export const SECOND_STEP_MINUTES = 5;

/** However active, a session lasts at most this long: then they sign in again. */
export const SESSION_ABSOLUTE_HOURS = 12;
/** The last-used time is written at most this often (a page load is a read, not a write, within it). */
const TOUCH_EVERY_MS = 60_000;

interface StoredSession {
  sessionId: string;
  staffId: string;
  csrfToken: string;
  how: 'password-totp' | 'single-sign-on';
  startedAt: string;
  lastSeenAt: string;
}

export class StaffSessionStore implements StaffSessions {
  private accounts?: Pick<StaffAccounts, 'get'>;

  constructor(
    private readonly parts: { documents: DocumentStore; audit: AuditLog; clock: () => Date; idleMinutes: number; absoluteHours?: number },
  ) {}

  /** The accounts (made after the sessions, which they end on removal): set once at composition. */
  useAccounts(accounts: Pick<StaffAccounts, 'get'>): void {
    this.accounts = accounts;
  }

  async start(staffId: string, how: 'password-totp' | 'single-sign-on'): Promise<{ token: string; session: SignedInStaff }> {
    const staff = await this.accounts?.get(staffId);
    if (!staff || staff.status !== 'active') throw new Error('only an active account can start a session');
    const token = randomBytes(32).toString('base64url');
    const now = this.parts.clock().toISOString();
    const stored: StoredSession = { sessionId: randomUUID(), staffId, csrfToken: randomBytes(32).toString('base64url'), how, startedAt: now, lastSeenAt: now };
    const id = tokenHash(token);
    await this.parts.documents.write(SESSIONS, id, stored);
    await this.parts.documents.update<{ ids: string[] }>(BY_STAFF, staffId, (index) => ({ ids: [...(index?.ids ?? []), id] }));
    await this.parts.audit.record({ event: 'staff.signed-in', staffId, agencyId: staff.agencyId ?? undefined, status: how });
    return { token, session: this.signedIn(stored, staff) };
  }

  async open(token: string): Promise<SignedInStaff | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const id = tokenHash(token);
    const stored = await this.parts.documents.read<StoredSession>(SESSIONS, id);
    if (!stored) return undefined;
    const now = this.parts.clock().getTime();
    const idleUntil = Date.parse(stored.lastSeenAt) + this.parts.idleMinutes * 60_000;
    const capUntil = Date.parse(stored.startedAt) + (this.parts.absoluteHours ?? SESSION_ABSOLUTE_HOURS) * 3_600_000;
    const staff = await this.accounts?.get(stored.staffId);
    if (now >= idleUntil || now >= capUntil || !staff || staff.status !== 'active') {
      await this.forget(stored.staffId, id);
      return undefined;
    }
    if (now - Date.parse(stored.lastSeenAt) >= TOUCH_EVERY_MS) {
      try {
        await this.parts.documents.update<StoredSession>(SESSIONS, id, (current) => {
          if (!current) throw new SessionGone();
          return { ...current, lastSeenAt: new Date(now).toISOString() };
        });
      } catch (error) {
        // Signed out (here or everywhere) while this request was on its way: it is not let through.
        if (error instanceof SessionGone) return undefined;
        throw error;
      }
    }
    return this.signedIn(stored, staff);
  }

  async end(token: string): Promise<void> {
    const id = tokenHash(token);
    const stored = await this.parts.documents.read<StoredSession>(SESSIONS, id);
    if (!stored) return;
    await this.forget(stored.staffId, id);
    await this.parts.audit.record({ event: 'staff.signed-out', staffId: stored.staffId });
  }

  async endEverywhere(staffId: string): Promise<void> {
    const index = await this.parts.documents.read<{ ids: string[] }>(BY_STAFF, staffId);
    for (const id of index?.ids ?? []) await this.parts.documents.delete(SESSIONS, id);
    await this.parts.documents.update<{ ids: string[] }>(BY_STAFF, staffId, (current) => ({ ids: (current?.ids ?? []).filter((id) => !index?.ids.includes(id)) }));
  }

  /** After a right password: a token (for a short-lived cookie) that lets them give their code. */
  async beginSecondStep(staffId: string, next: string | undefined): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.parts.clock().getTime() + SECOND_STEP_MINUTES * 60_000).toISOString();
    await this.parts.documents.write(SECOND_STEPS, tokenHash(token), { staffId, expiresAt, ...(next ? { next } : {}) });
    return token;
  }

  /** Who the second-step token is for, while it lasts. */
  async secondStep(token: string): Promise<{ staffId: string; next?: string } | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const step = await this.parts.documents.read<{ staffId: string; expiresAt: string; next?: string }>(SECOND_STEPS, tokenHash(token));
    if (!step) return undefined;
    if (Date.parse(step.expiresAt) <= this.parts.clock().getTime()) {
      await this.endSecondStep(token);
      return undefined;
    }
    return { staffId: step.staffId, next: step.next };
  }

  async endSecondStep(token: string): Promise<void> {
    await this.parts.documents.delete(SECOND_STEPS, tokenHash(token));
  }

  /** How many live sessions (devices) this staff member has, for the account page. */
  async count(staffId: string): Promise<number> {
    const index = await this.parts.documents.read<{ ids: string[] }>(BY_STAFF, staffId);
    const now = this.parts.clock().getTime();
    const sessions = await Promise.all((index?.ids ?? []).map((id) => this.parts.documents.read<StoredSession>(SESSIONS, id)));
    return sessions.filter((session) => session && now < Date.parse(session.lastSeenAt) + this.parts.idleMinutes * 60_000).length;
  }

  private async forget(staffId: string, id: string): Promise<void> {
    await this.parts.documents.delete(SESSIONS, id);
    await this.parts.documents.update<{ ids: string[] }>(BY_STAFF, staffId, (current) => ({ ids: (current?.ids ?? []).filter((kept) => kept !== id) }));
  }

  private signedIn(stored: StoredSession, staff: { agencyId: string | null; role: SignedInStaff['role']; email: string }): SignedInStaff {
    return { staffId: stored.staffId, agencyId: staff.agencyId, role: staff.role, email: staff.email, sessionId: stored.sessionId, csrfToken: stored.csrfToken };
  }
}

class SessionGone extends Error {}
