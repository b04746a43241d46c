import { describe, expect, it } from '@jest/globals';
import { useOneStoryServer } from '../support/httpHarness.js';
import { TEST_PASSWORD_HASHING, activeStaff, signedInAs } from '../support/staffSession.js';
import { recoveryCodesIn } from '../support/staffBrowser.js';

/** The helper other inbox tests stand on: a signed-in staff member whose cookie opens their account page. */
describe('signedInAs (test/support/staffSession.ts)', () => {
  const under = useOneStoryServer({ staffPasswordHashing: TEST_PASSWORD_HASHING });

  it('should give a cookie that opens the account page, and a CSRF token its forms need', async () => {
    const { cookie, csrf, email } = await signedInAs(under.running.app, { agencyId: 'cambridge-housing-options', role: 'worker' });
    const page = await fetch(`${under.running.baseUrl}/inbox/account`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(email);
    expect(html).toContain(`value="${csrf}"`);
    const signedOut = await fetch(`${under.running.baseUrl}/inbox/account`, { redirect: 'manual' });
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toBe('/inbox/sign-in?next=%2Finbox%2Faccount');
  });

  it('should sign in the partnership role too, with no agency', async () => {
    const { cookie } = await signedInAs(under.running.app, { agencyId: null, role: 'partnership' });
    const page = await fetch(`${under.running.baseUrl}/inbox/account`, { headers: { cookie } });
    expect(page.status).toBe(200);
  });

  it('should make ten new recovery codes from the account page, and the old ones stop working', async () => {
    const staff = await activeStaff(under.running.app, { agencyId: 'cambridge-housing-options', role: 'worker' });
    const { token, session } = await under.running.app.staff.sessions.start(staff.staffId, 'password-totp');
    const response = await fetch(`${under.running.baseUrl}/inbox/account/recovery-codes`, {
      method: 'POST',
      headers: { cookie: `one_story_staff=${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: session.csrfToken }).toString(),
    });
    expect(response.status).toBe(200);
    const fresh = recoveryCodesIn(await response.text());
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(staff.recoveryCodes[0]);
    expect(await under.running.app.staff.accounts.checkSecondFactor(staff.staffId, staff.recoveryCodes[0])).toBeUndefined();
    expect(await under.running.app.staff.accounts.checkSecondFactor(staff.staffId, fresh[0])).toEqual({ by: 'recovery-code', recoveryCodesLeft: 9 });
  });
});
