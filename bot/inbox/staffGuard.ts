import type { Request, Response } from 'restify';
import type { StaffPermission } from '../../domain/staff/staffRoles.js';
import type { SignedInStaff } from '../../useCases/staff/staffAccounts.js';

/**
 * How every inbox, admin and outcomes route learns who is asking. The guard answers for itself when the
 * answer is no: signed out or idle too long → 303 to /inbox/sign-in; signed in without the permission →
 * the 403 page; a form without this session's CSRF token → the 403 page. Routes then only see `undefined`
 * and return. Forms arrive as `application/x-www-form-urlencoded`: `req.body` is an object of strings.
 */
export interface StaffGuard {
  /** For GET pages. */
  page(req: Request, res: Response, permission: StaffPermission): Promise<SignedInStaff | undefined>;
  /** For POST forms: as `page`, and the body's `csrf` field must be this session's token. */
  form(req: Request, res: Response, permission: StaffPermission): Promise<SignedInStaff | undefined>;
  /** Sets the session cookie (Secure unless on plain http to loopback, HttpOnly, SameSite=Strict, Path=/). */
  setSessionCookie(res: Response, token: string): void;
  clearSessionCookie(res: Response): void;
  /** The staff 404 page (a handoff or member that does not exist, or is not theirs to see), in their language. */
  notFound(req: Request, res: Response, staff?: SignedInStaff): void;
  /** The staff 403 page. */
  forbidden(req: Request, res: Response, staff?: SignedInStaff): void;
}
