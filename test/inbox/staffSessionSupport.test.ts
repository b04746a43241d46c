import { describe, expect, it } from '@jest/globals';
import { useOneStoryServer } from '../support/httpHarness.js';
import { signedInAs } from '../support/staffSession.js';

/** The helper other inbox tests stand on: a signed-in staff member whose cookie opens their account page. */
describe('signedInAs (test/support/staffSession.ts)', () => {
  const under = useOneStoryServer();

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
});
