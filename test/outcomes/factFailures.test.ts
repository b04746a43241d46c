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
import { OutcomeRecorder } from '../../useCases/outcomes/outcomeRecorder.js';
import type { HandoffNotifier, OutcomeFacts } from '../../useCases/ports.js';
import { createSharing } from '../../useCases/sharing/sharing.js';
import { freshDatabase, type TestDatabase } from '../support/postgres.js';
import { fakeQuestionText, sampleStory, wording } from '../support/sharingFixtures.js';

/** A fact that cannot be written never costs the person their turn or their share, on either store. */

const HOUSING = 'cambridge-housing-options';
const notifier: HandoffNotifier = { notify: async () => undefined, dropQueued: async (ids) => ids.length };
const clock = () => new Date('2026-11-02T10:00:00Z');

async function sharingOver(stores: Stores, outcomes: OutcomeRecorder) {
  const bank = await loadQuestionBank();
  const directory = await loadAgencyDirectory(DEFAULT_AGENCIES_PATH, { topicIds: bank.topics.map((topic) => topic.id), allowPlainHttpWebhooks: false });
  return createSharing({ documents: stores.documents, coordination: stores.coordination, directory, bank, audit: stores.audit, notifier, clock, questionText: fakeQuestionText, outcomes });
}

const share = (personId: string) => ({ story: sampleStory(personId), agencyId: HOUSING, parts: ['housing'], heldBack: [], wording, channel: 'webchat', supportedBy: null });

describe('when outcome facts cannot be written', () => {
  describe('on PostgreSQL (the fact is rolled back to its savepoint, the rest of the transaction commits)', () => {
    let database: TestDatabase;
    let stores: Stores;
    let dataDir: string;
    const sql = async (text: string) => {
      const client = new pg.Client(database.url);
      await client.connect();
      try {
        return (await client.query(text)).rows;
      } finally {
        await client.end();
      }
    };

    beforeAll(async () => {
      database = await freshDatabase();
      dataDir = await mkdtemp(join(tmpdir(), 'one-story-facts-pg-'));
      stores = await openStores({ databaseUrl: database.url, dataDir, cipher: new RecordCipher(randomBytes(32)), poolSize: 4 });
    });
    afterAll(async () => {
      await stores.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('should still share and commit the turn, and report the failure', async () => {
      const failures: unknown[] = [];
      const outcomes = new OutcomeRecorder(stores.outcomes, (error) => failures.push(error));
      const { person, agency } = await sharingOver(stores, outcomes);
      await sql('ALTER TABLE outcome_facts RENAME TO outcome_facts_away');
      try {
        const shared = await person.share(share('pg-person'));
        expect(await agency.readForAgency(HOUSING, shared.handoffId)).toMatchObject({ handoffId: shared.handoffId });
        const people = new PersonStore(stores.documents);
        const unit = await TurnUnit.load(people, 'webchat:pg-person', 'webchat/pg-person', () => 'pg-person', outcomes);
        unit.saveStory(sampleStory('pg-person'));
        await stores.coordination.atomically(() => unit.commit(clock()));
        expect((await people.load('pg-person'))?.story?.answers.housing).toBeDefined();
        expect(failures.length).toBe(2);
        expect(failures.every((error) => (error as { code?: string }).code === '42P01')).toBe(true);
      } finally {
        await sql('ALTER TABLE outcome_facts_away RENAME TO outcome_facts');
      }
      expect(await sql('SELECT count(*)::int AS n FROM outcome_facts')).toEqual([{ n: 0 }]);
      // The audit entries of the same transaction were kept.
      expect(((await sql('SELECT entry FROM audit_log')) as Array<{ entry: string }>).some((row) => row.entry.includes('handoff.created'))).toBe(true);
    });
  });

  describe('on the embedded store', () => {
    let stores: Stores;
    let dataDir: string;
    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'one-story-facts-'));
      stores = await openStores({ dataDir, cipher: new RecordCipher(randomBytes(32)) });
    });
    afterAll(async () => {
      await stores.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('should still share, answer and commit the turn, and report each failure', async () => {
      const failing: OutcomeFacts = {
        record: async () => {
          throw new Error('the disk is full');
        },
        all: async () => [],
      };
      const failures: unknown[] = [];
      const outcomes = new OutcomeRecorder(failing, (error) => failures.push(error));
      const { person, agency } = await sharingOver(stores, outcomes);
      const shared = await person.share(share('embedded-person'));
      expect(await agency.setStatusByAgency(HOUSING, shared.handoffId, 'received', undefined)).toMatchObject({ status: 'received' });
      expect(await person.withdraw('embedded-person', HOUSING, 'webchat')).toBe(true);
      const people = new PersonStore(stores.documents);
      const unit = await TurnUnit.load(people, 'webchat:embedded-person', 'webchat/embedded-person', () => 'embedded-person', outcomes);
      unit.saveStory(sampleStory('embedded-person'));
      await unit.commit(clock());
      expect((await people.load('embedded-person'))?.countedAsTold).toBe(true);
      expect(failures).toHaveLength(4);
    });
  });
});
