/**
 * Who agency staff and the partnership are to One Story. A **worker** uses their agency's inbox; an
 * **agency admin** also manages the agency's staff, API keys and webhook secret; the **partnership** role
 * belongs to no agency and sees only the aggregate outcomes.
 */
export const STAFF_ROLES = ['worker', 'agency-admin', 'partnership'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Roles that belong to one agency (the partnership role belongs to none). */
export const AGENCY_ROLES = ['worker', 'agency-admin'] as const satisfies readonly StaffRole[];

/** What each role may do: pages and actions ask for one of these, never for a role by name. */
export const STAFF_PERMISSIONS = {
  'inbox.read': ['worker', 'agency-admin'],
  'inbox.respond': ['worker', 'agency-admin'],
  'agency.manage': ['agency-admin'],
  'outcomes.read': ['partnership'],
  /** Their own account page: sign out, sign out everywhere, new recovery codes. */
  'account.own': ['worker', 'agency-admin', 'partnership'],
} as const satisfies Record<string, readonly StaffRole[]>;
export type StaffPermission = keyof typeof STAFF_PERMISSIONS;

export function mayDo(role: StaffRole, permission: StaffPermission): boolean {
  return (STAFF_PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}
