import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DEFAULT_AGENCIES_PATH, loadAgencyDirectory } from '../../data/agencyDirectoryLoader.js';
import { PersonStore } from '../../data/personStore.js';
import { loadQuestionBank } from '../../data/questionBankLoader.js';
import { RecordCipher } from '../../data/storage/encryption.js';
import { openStores, type Stores } from '../../data/stores.js';
import { TurnUnit } from '../../dialogs/turnUnit.js';
import { computeOutcomes, OutcomesReportSchema, type OutcomesReport } from '../../domain/outcomes/outcomeFigures.js';
import { OutcomeFactSchema, type OutcomeFact } from '../../domain/outcomes/outcomeFacts.js';
import type { AgencyDirectory } from '../../domain/sharing/agency.js';
import { eraseStory } from '../../useCases/eraseStory.js';
import { OutcomeRecorder } from '../../useCases/outcomes/outcomeRecorder.js';
import type { HandoffNotifier, ResumeCodes } from '../../useCases/ports.js';
import { createSharing } from '../../useCases/sharing/sharing.js';
import { freshDatabase, type TestDatabase } from '../support/postgres.js';
import { answer, fakeQuestionText, sampleStory, wording } from '../support/sharingFixtures.js';

/**
 * The outcomes from a seeded history, on both stores: six people tell their story and share through the real
 * use cases (turn commits, sharing, agency answers, withdrawal, "delete my story") on an injected clock; the
 * figures computed from the facts they wrote must be the ones worked out by hand below.
 */

const HOUSING = 'cambridge-housing-options'; // 2 working days
const MENTAL = 'adult-mental-health'; // 5 working days

const notifier: HandoffNotifier = { notify: async () => undefined, dropQueued: async (ids) => ids.length };
const noCodes: ResumeCodes = {
  validDays: 7,
  issue: async () => ({ code: 'x', expiresAt: new Date() }),
  redeem: async () => ({ outcome: 'refused' }),
  revokeAll: async () => undefined,
  deleteSpent: async () => 0,
};

interface Kind {
  open(): Promise<Stores>;
  /** What the stored facts are, as they lie in the store (PostgreSQL: the table's rows as text). */
  storedFacts(stores: Stores): Promise<string>;
  cleanup(): Promise<void>;
}

async function embedded(): Promise<Kind> {
  const dataDir = await mkdtemp(join(tmpdir(), 'one-story-outcomes-'));
  return {
    open: () => openStores({ dataDir, cipher: new RecordCipher(randomBytes(32)) }),
    // Encrypted at rest like every document: read through the store.
    storedFacts: async (stores) => JSON.stringify(await stores.outcomes.all()),
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
}

async function postgres(): Promise<Kind> {
  const database: TestDatabase = await freshDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'one-story-outcomes-pg-'));
  return {
    open: () => openStores({ databaseUrl: database.url, dataDir, cipher: new RecordCipher(randomBytes(32)), poolSize: 5 }),
    storedFacts: async () => {
      const client = new pg.Client(database.url);
      await client.connect();
      try {
        return JSON.stringify((await client.query('SELECT week::text, fact::text FROM outcome_facts ORDER BY seq')).rows);
      } finally {
        await client.end();
      }
    },
    cleanup: async () => {
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const at = (iso: string) => new Date(iso);
const hours = (from: string, plus: number) => new Date(Date.parse(from) + plus * 3_600_000);

describe.each([
  ['embedded', embedded],
  ['postgres', postgres],
])('outcomes from a seeded history, on the %s store', (_name, make) => {
  let kind: Kind;
  let stores: Stores;
  let directory: AgencyDirectory;
  let report: OutcomesReport;
  let facts: OutcomeFact[];
  const personIds = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'].map((name) => `person-${name}-${randomBytes(4).toString('hex')}`);
  const failures: unknown[] = [];

  beforeAll(async () => {
    kind = await make();
    stores = await kind.open();
    const bank = await loadQuestionBank();
    directory = await loadAgencyDirectory(DEFAULT_AGENCIES_PATH, { topicIds: bank.topics.map((topic) => topic.id), allowPlainHttpWebhooks: false });
    let now = at('2026-11-02T09:00:00Z');
    const clock = () => now;
    const outcomes = new OutcomeRecorder(stores.outcomes, (error) => failures.push(error));
    const people = new PersonStore(stores.documents);
    const { person: sharing, agency } = createSharing({
      documents: stores.documents,
      coordination: stores.coordination,
      directory,
      bank,
      audit: stores.audit,
      notifier,
      clock,
      consentMonths: 12,
      questionText: fakeQuestionText,
      outcomes,
    });
    const share = (personId: string, agencyId: string, parts: string[]) =>
      sharing.share({ story: sampleStory(personId, at('2026-11-02T09:00:00Z')), agencyId, parts, heldBack: [], wording, channel: 'webchat', supportedBy: null });
    // A turn's commit, as the conversation makes it: the person's story saved, in one unit of work.
    const turn = async (personId: string, story = sampleStory(personId, at('2026-11-02T09:00:00Z'))) => {
      const unit = await TurnUnit.load(people, `webchat:${personId}`, `webchat/${personId}`, () => personId, outcomes);
      unit.saveStory(story);
      await stores.coordination.atomically(() => unit.commit(now));
    };

    // Monday 2 November, 09:00: six people tell their story (p0 twice: counted once). Someone who only
    // skipped a question is not counted.
    for (const personId of personIds) await turn(personId);
    await turn(personIds[0]);
    const skipper = `person-skipper-${randomBytes(4).toString('hex')}`;
    await turn(skipper, { ...sampleStory(skipper), answers: { housing: { 'how-long': answer('housing', 'how-long', '', { status: 'skipped', text: undefined }) } } });

    // Each shares housing and what helps with Housing Options, 1 to 6 hours after their first message.
    const housing: string[] = [];
    for (const [index, personId] of personIds.entries()) {
      now = hours('2026-11-02T09:00:00Z', index + 1);
      housing.push((await share(personId, HOUSING, ['housing', 'what-helps'])).handoffId);
    }
    // p0 sends an update that evening (a new version of the same handoff).
    now = at('2026-11-02T20:00:00Z');
    const update = await sharing.sendUpdate({ story: sampleStory(personIds[0], at('2026-11-02T09:00:00Z')), agencyId: HOUSING, wording, channel: 'webchat', supportedBy: null });
    housing[0] = update.handoffId;
    // Tuesday 3 November: p0–p4 share mental health and housing with the Mental Health Service, 24–28 hours after their first message.
    const mental: string[] = [];
    for (const [index, personId] of personIds.slice(0, 5).entries()) {
      now = hours('2026-11-03T09:00:00Z', index);
      mental.push((await share(personId, MENTAL, ['mental-health', 'housing'])).handoffId);
    }
    // Tuesday 09:00: Housing Options answers p0–p3 (20–23 hours after their handoffs; p0 on its update,
    // counted from the first version). Friday 09:00 it answers p4, after its target (end of Wednesday).
    // It never answers p5.
    now = at('2026-11-03T09:00:00Z');
    for (const handoffId of housing.slice(0, 4)) await agency.setStatusByAgency(HOUSING, handoffId, 'received', undefined);
    now = at('2026-11-06T09:00:00Z');
    await agency.setStatusByAgency(HOUSING, housing[4], 'accepted', 'See you Monday');
    // A second answer on the same handoff is not a first answer.
    await agency.setStatusByAgency(HOUSING, housing[0], 'accepted', undefined);
    // Wednesday 10:00: p1 withdraws from the Mental Health Service. Thursday 10:00: p2 deletes their story.
    now = at('2026-11-04T10:00:00Z');
    await sharing.withdraw(personIds[1], MENTAL, 'webchat');
    now = at('2026-11-05T10:00:00Z');
    await eraseStory(
      { eraseShared: (id, channel) => sharing.eraseEverything(id, channel), people, resumeCodes: noCodes, outcomes: { recorder: outcomes, by: 'person', clock } },
      personIds[2],
      'webchat',
    );
    // Monday 9 November 09:00: the Mental Health Service answers p0, 6 days after (within 5 working days).
    now = at('2026-11-09T09:00:00Z');
    await agency.setStatusByAgency(MENTAL, mental[0], 'received', undefined);

    facts = await stores.outcomes.all();
    const agencies = directory.agencies.map((entry) => ({ id: entry.id, name: entry.name, workingDays: entry.expectedResponse.workingDays }));
    report = computeOutcomes(facts, agencies, at('2026-11-23T12:00:00Z'));
  }, 120_000);

  afterAll(async () => {
    await stores.close();
    await kind.cleanup();
  });

  it('should write every fact without failing, each a valid fact', () => {
    expect(failures).toEqual([]);
    expect(facts.map((fact) => OutcomeFactSchema.parse(fact))).toEqual(facts);
    expect(facts.filter((fact) => fact.kind === 'story.told')).toHaveLength(6);
  });

  it('should count people, handoffs, parts and retellings as worked out by hand', () => {
    expect(OutcomesReportSchema.parse(report)).toEqual(report);
    expect(report.firstWeek).toBe('2026-11-02');
    expect(report.lastWeek).toBe('2026-11-09');
    expect(report.summary).toMatchObject({
      peopleTold: 6,
      handoffs: 11,
      // 6 × 2 parts to Housing Options, 5 × 2 to Mental Health; the update adds no new part.
      partsShared: 22,
      // Housing went to Housing Options first, then on to Mental Health: one retelling avoided for each of 5 people.
      retellingsAvoided: 5,
      acknowledged: 6,
      // 1 update, 1 withdrawal, 2 handoffs closed by p2's deletion, 1 story deleted: all under 5, hidden.
      updates: null,
      withdrawals: null,
      handoffsClosedByErasure: null,
      storiesErasedByPerson: null,
      storiesErasedByRetention: 0,
    });
  });

  it('should give the medians and 90th percentiles worked out by hand', () => {
    // To handoff: 1, 2, 3, 4, 5, 6 hours (Housing) and 24–28 (Mental Health): the 6th of 11 and the 10th.
    expect(report.summary.timeToHandoff).toEqual({ handoffs: 11, medianHours: 6, p90Hours: 27 });
    // To first answer: 20, 21, 22, 23, 91 (Housing) and 144 (Mental Health).
    expect(report.summary.timeToAcknowledgement).toEqual({ handoffs: 6, medianHours: 22.5, p90Hours: 144 });
    const housing = report.agencies.find((row) => row.agencyId === HOUSING)!;
    const mental = report.agencies.find((row) => row.agencyId === MENTAL)!;
    expect(housing.timeToHandoff).toEqual({ handoffs: 6, medianHours: 3.5, p90Hours: 6 });
    expect(mental.timeToHandoff).toEqual({ handoffs: 5, medianHours: 26, p90Hours: 28 });
    // Housing's 5 answers: shown; Mental Health's one answer: its count and times hidden, and, as the total
    // (6) would give it away, Housing's count too.
    expect(housing.timeToAcknowledgement).toEqual({ handoffs: null, medianHours: 22, p90Hours: 91 });
    expect(mental.timeToAcknowledgement).toEqual({ handoffs: null, medianHours: null, p90Hours: null });
    expect(housing.acknowledged).toBeNull();
    expect(mental.acknowledged).toBeNull();
    expect(housing.retellingsAvoided).toBe(0);
    expect(mental.retellingsAvoided).toBe(5);
    expect(mental.withdrawals).toBeNull();
  });

  it('should judge answers against each target as worked out by hand', () => {
    // Housing: p0–p3 in time, p4 late, p5 never answered (surely past its target by now): 4 of 6.
    // Mental Health: p0 in time, p3 and p4 never answered (past target), p1 withdrawn and p2 deleted (left out): 1 of 3.
    expect(report.summary.withinTarget).toEqual({ handoffs: 9, percent: 55.6 });
    const housing = report.agencies.find((row) => row.agencyId === HOUSING)!;
    const mental = report.agencies.find((row) => row.agencyId === MENTAL)!;
    expect(housing.withinTarget).toEqual({ handoffs: null, percent: 66.7 });
    expect(mental.withinTarget).toEqual({ handoffs: null, percent: null });
  });

  it('should count by week, hiding a small week and the week that would give it away', () => {
    expect(report.weeks.map((week) => [week.week, week.handoffs, week.timeToAcknowledgement.handoffs])).toEqual([
      ['2026-11-02', 11, null],
      ['2026-11-09', 0, null],
    ]);
    expect(report.weeks[0].timeToAcknowledgement).toMatchObject({ medianHours: 22, p90Hours: 91 });
  });

  it('should store no person id, reference, handoff id or word of anyone’s story in the facts', async () => {
    const stored = await kind.storedFacts(stores);
    expect(stored.length).toBeGreaterThan(100);
    for (const personId of personIds) expect(stored).not.toContain(personId);
    for (const words of ['Sam', 'Sofa surfing', 'Low most days', 'See you Monday', 'webchat']) expect(stored).not.toContain(words);
    const listing = await createSharingListing(stores, directory);
    for (const id of listing) expect(stored).not.toContain(id);
    // Dates by week only: no time of day anywhere.
    expect(stored).not.toMatch(/T\d\d:\d\d/);
  });
});

/** Every handoff id and reference the agencies can see, to make sure none is in the facts. */
async function createSharingListing(stores: Stores, directory: AgencyDirectory): Promise<string[]> {
  const { agency } = createSharing({ documents: stores.documents, coordination: stores.coordination, directory, bank: await loadQuestionBank(), audit: stores.audit, notifier, clock: () => at('2026-11-10T00:00:00Z'), questionText: fakeQuestionText });
  const ids: string[] = [];
  for (const agencyId of [HOUSING, MENTAL]) {
    const listing = await agency.listForAgency(agencyId, { page: 1, pageSize: 100 });
    for (const item of listing.items) ids.push(item.handoffId, item.reference, item.firstHandoffId);
  }
  expect(ids.length).toBeGreaterThan(10);
  return ids;
}
