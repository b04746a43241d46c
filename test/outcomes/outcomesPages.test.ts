import { beforeAll, describe, expect, it } from '@jest/globals';
import { OutcomesReportSchema, type OutcomesReport } from '../../domain/outcomes/outcomeFigures.js';
import { CSV_HEADER } from '../../bot/inbox/outcomesCsv.js';
import { useOneStoryServer } from '../support/httpHarness.js';
import { sampleStory, wording } from '../support/sharingFixtures.js';
import { TEST_PASSWORD_HASHING, signedInAs } from '../support/staffSession.js';
import { tellsTheirName } from '../support/tellingPeople.js';

/**
 * The partnership's outcomes over real HTTP from the real server: a history seeded through the server's own
 * sharing use cases on its injected clock, read by a partnership session as a page, JSON and CSV; and
 * nobody else can read it.
 */

const HOUSING = 'cambridge-housing-options';
const MENTAL = 'adult-mental-health';
let now = new Date('2026-11-02T09:00:00Z');

describe('the outcomes page and API', () => {
  const under = useOneStoryServer({ clock: () => now, staffPasswordHashing: TEST_PASSWORD_HASHING });
  let partnership: { cookie: string };
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${under.running.baseUrl}${path}`, { headers, redirect: 'manual' });

  beforeAll(async () => {
    const { sharing, agencySharing } = under.running.app;
    // Five people tell their name in the chat (one of them twice over: still one person).
    for (const [index, name] of ['Robin', 'Sam', 'Ala', 'Ioana', 'Tomas'].entries()) await tellsTheirName(under.running.app, `teller-${index}`, name);
    await tellsTheirName(under.running.app, 'teller-0', 'Robin');
    const handoffs: string[] = [];
    // Six people share with Housing Options, 1 to 6 hours after they started; one also with Mental Health.
    for (let index = 0; index < 6; index++) {
      now = new Date(Date.parse('2026-11-02T09:00:00Z') + (index + 1) * 3_600_000);
      const story = sampleStory(`outcomes-person-${index}`, new Date('2026-11-02T09:00:00Z'));
      handoffs.push((await sharing.share({ story, agencyId: HOUSING, parts: ['housing', 'what-helps'], heldBack: [], wording, channel: 'webchat', supportedBy: null })).handoffId);
      if (index === 0) await sharing.share({ story, agencyId: MENTAL, parts: ['mental-health', 'housing'], heldBack: [], wording, channel: 'webchat', supportedBy: null });
    }
    // Housing Options answers five of them the next morning, 17 to 21 hours after each.
    now = new Date('2026-11-03T08:00:00Z');
    for (const handoffId of handoffs.slice(1)) await agencySharing.setStatusByAgency(HOUSING, handoffId, 'received', undefined);
    now = new Date('2026-11-16T10:00:00Z');
    partnership = await signedInAs(under.running.app, { agencyId: null, role: 'partnership' });
  }, 60_000);

  it('should give the partnership the figures as JSON, in the published schema', async () => {
    const response = await get('/api/partnership/outcomes', { cookie: partnership.cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const report: OutcomesReport = OutcomesReportSchema.parse(await response.json());
    expect(report.summary).toMatchObject({ peopleTold: 5, handoffs: 7, partsShared: 14, retellingsAvoided: null, acknowledged: 5 });
    // Answers 21, 20, 19, 18, 17 hours after the handoffs (sent 11:00–15:00, answered at 08:00 the next day).
    expect(report.summary.timeToAcknowledgement).toEqual({ handoffs: 5, medianHours: 19, p90Hours: 21 });
    const housing = report.agencies.find((row) => row.agencyId === HOUSING)!;
    const mental = report.agencies.find((row) => row.agencyId === MENTAL)!;
    // Mental Health's single handoff is hidden, and so Housing's 6 (the total, 7, would give it away).
    expect([housing.handoffs, mental.handoffs]).toEqual([null, null]);
    expect(housing.timeToHandoff).toEqual({ handoffs: null, medianHours: 3.5, p90Hours: 6 });
    // Housing: 5 answered in time, the first never answered and long past its target.
    expect(housing.withinTarget).toEqual({ handoffs: 6, percent: 83.3 });
  });

  it('should give the same figures as CSV, one a row, hiding the same cells', async () => {
    const json = OutcomesReportSchema.parse(await (await get('/api/partnership/outcomes', { cookie: partnership.cookie })).json());
    for (const ask of ['/api/partnership/outcomes?format=csv', '/api/partnership/outcomes']) {
      const response = await get(ask, { cookie: partnership.cookie, ...(ask.includes('format') ? {} : { accept: 'text/csv, application/json;q=0.5' }) });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="one-story-outcomes-2026-11-16.csv"');
      const lines = (await response.text()).trimEnd().split('\r\n');
      expect(lines[0]).toBe(CSV_HEADER.join(','));
      const rows = lines.slice(1).map((line) => line.split(','));
      expect(rows.every((row) => row.length === CSV_HEADER.length)).toBe(true);
      const value = (section: string, key: string, measure: string) => rows.find((row) => row[0] === section && (row[1] === key || row[3] === key) && row[4] === measure)?.[5];
      expect(value('summary', '', 'handoffs')).toBe('7');
      expect(value('summary', '', 'time_to_acknowledgement_median_hours')).toBe('19');
      expect(value('agency', HOUSING, 'handoffs')).toBe('[c]');
      expect(value('agency', MENTAL, 'handoffs')).toBe('[c]');
      expect(value('agency', HOUSING, 'time_to_handoff_median_hours')).toBe('3.5');
      expect(value('agency', HOUSING, 'within_target_percent')).toBe('83.3');
      expect(value('agency', MENTAL, 'time_to_acknowledgement_median_hours')).toBe('');
      expect(value('week', '2026-11-02', 'handoffs')).toBe(String(json.weeks[0].handoffs));
      // Every agency row of the JSON is in the CSV, hidden where the JSON has null.
      for (const agency of json.agencies) expect(value('agency', agency.agencyId, 'withdrawals')).toBe(agency.withdrawals === null ? '[c]' : String(agency.withdrawals));
    }
  });

  it('should refuse a format it does not make', async () => {
    const response = await get('/api/partnership/outcomes?format=xml', { cookie: partnership.cookie });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: 'invalid_format', message: under.t('outcomes.api.invalidFormat') });
  });

  it('should show the page with three charts, each an image with a title, a description and its table', async () => {
    const response = await get('/outcomes', { cookie: partnership.cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toContain(`<h1 class="govuk-heading-l">${under.t('outcomes.title')}</h1>`);
    const charts = [...html.matchAll(/<svg role="img" aria-labelledby="([\w-]+)-title \1-desc"[\s\S]*?<\/svg>\s*<\/figure>\s*<details class="govuk-details">([\s\S]*?)<\/details>/g)];
    expect(charts.map((chart) => chart[1])).toEqual(['chart-acknowledgement', 'chart-handoffs-per-week', 'chart-within-target']);
    for (const [svg, id, details] of charts) {
      expect(svg).toContain(`<title id="${id}-title">`);
      expect(svg).toContain(`<desc id="${id}-desc">`);
      expect(details).toContain('<table class="govuk-table">');
    }
    const [acknowledgement, perWeek, withinTarget] = charts.map((chart) => chart[0]);
    // The figures are written beside the shapes: colour is not the only cue.
    expect(acknowledgement).toContain('Housing Options (Cambridge): median 19 hours, 9 in 10 within 21 hours');
    expect(acknowledgement).toContain(`Adult Mental Health Service: ${under.t('outcomes.charts.noAnswers')}`);
    expect(acknowledgement).toMatch(/stroke-dasharray/);
    expect(perWeek).toMatch(/<rect [^>]*fill="#1d70b8"/);
    expect(withinTarget).toContain('Housing Options (Cambridge): 83.3% within 2 working days');
    // Its one handoff (target 5 working days) is not surely past its target yet: left out, not counted missed.
    expect(withinTarget).toContain(`Adult Mental Health Service: ${under.t('outcomes.charts.noneJudged')}`);
    expect(perWeek).toMatch(/>7<\/text>/);
    // The method is on the page.
    expect(html).toContain(under.t('outcomes.method.retellings.text'));
    expect(html).toContain('href="/api/partnership/outcomes?format=csv"');
  });

  it.each([
    ['a worker', { agencyId: HOUSING, role: 'worker' as const }],
    ['an agency admin', { agencyId: HOUSING, role: 'agency-admin' as const }],
  ])('should refuse %s the page and the API', async (_who, who) => {
    const staff = await signedInAs(under.running.app, who);
    for (const path of ['/outcomes', '/api/partnership/outcomes', '/api/partnership/outcomes?format=csv']) {
      const response = await get(path, { cookie: staff.cookie });
      expect(response.status).toBe(403);
      const body = await response.text();
      expect(body).not.toContain('Housing Options (Cambridge): median');
      expect(body).not.toContain('handoffs');
    }
  });

  it('should send a signed-out visitor to sign in, and tell a signed-out API client 401, showing nothing', async () => {
    const page = await get('/outcomes');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/inbox/sign-in?next=%2Foutcomes');
    expect(await page.text()).not.toContain('median');
    const api = await get('/api/partnership/outcomes');
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ code: 'unauthorized' });
  });
});
