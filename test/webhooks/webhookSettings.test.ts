import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, loadConfig } from '../../bot/config.js';
import { loadTranslations } from '../../bot/i18n.js';
import { createLogger } from '../../bot/logger.js';
import { webhookEndpoints } from '../../bot/webhooks/webhookEndpoints.js';
import { WebhookSigningSecrets } from '../../bot/webhooks/webhookSigningSecrets.js';
import { DEFAULT_AGENCIES_PATH, loadAgencyDirectory } from '../../data/agencyDirectoryLoader.js';
import { loadQuestionBank } from '../../data/questionBankLoader.js';
import { WebhookSecretStore } from '../../data/sharing/webhookSecretStore.js';
import { RecordCipher } from '../../data/storage/encryption.js';
import { openStores, type Stores } from '../../data/stores.js';

const secret = () => `whsec_${randomBytes(32).toString('base64')}`;

function problemsWith(env: Record<string, string>): string {
  try {
    loadConfig({ NODE_ENV: 'test', ...env });
    return '';
  } catch (error) {
    if (error instanceof ConfigurationError) return error.message;
    throw error;
  }
}

describe('webhook settings', () => {
  describe('AGENCY_WEBHOOK_SECRETS', () => {
    it('when valid should give each agency its secret', () => {
      const value = secret();
      expect(loadConfig({ NODE_ENV: 'test', AGENCY_WEBHOOK_SECRETS: JSON.stringify({ 'food-bank-network': value }) }).AGENCY_WEBHOOK_SECRETS).toEqual({
        'food-bank-network': value,
      });
      expect(loadConfig({ NODE_ENV: 'test' }).AGENCY_WEBHOOK_SECRETS).toEqual({});
    });

    it.each([
      ['not JSON', 'whsec_abc'],
      ['a JSON array', '["whsec_abc"]'],
      ['a secret without the whsec_ prefix', JSON.stringify({ a: randomBytes(32).toString('base64') })],
      ['a secret that is too short', JSON.stringify({ a: `whsec_${randomBytes(8).toString('base64')}` })],
    ])('when %s should refuse to start without printing the value', (_name, value) => {
      const message = problemsWith({ AGENCY_WEBHOOK_SECRETS: value });
      expect(message).toContain('AGENCY_WEBHOOK_SECRETS');
      expect(message).not.toContain(value);
      const inner = value.match(/whsec_[A-Za-z0-9+/=]+|[A-Za-z0-9+/]{20,}={0,2}/)?.[0];
      if (inner) expect(message).not.toContain(inner);
    });
  });

  describe('WEBHOOK_SECRET_GRACE_HOURS', () => {
    it('is 24 hours unless set, 0 to 720', () => {
      expect(loadConfig({ NODE_ENV: 'test' }).WEBHOOK_SECRET_GRACE_HOURS).toBe(24);
      expect(loadConfig({ NODE_ENV: 'test', WEBHOOK_SECRET_GRACE_HOURS: '0' }).WEBHOOK_SECRET_GRACE_HOURS).toBe(0);
      expect(problemsWith({ WEBHOOK_SECRET_GRACE_HOURS: '-1' })).toContain('WEBHOOK_SECRET_GRACE_HOURS');
      expect(problemsWith({ WEBHOOK_SECRET_GRACE_HOURS: '721' })).toContain('WEBHOOK_SECRET_GRACE_HOURS');
    });
  });

  describe('webhookEndpoints', () => {
    let stores: Stores;
    beforeAll(async () => {
      stores = await openStores({ dataDir: await mkdtemp(join(tmpdir(), 'one-story-webhook-settings-')), cipher: new RecordCipher(randomBytes(32)) });
    });
    afterAll(() => stores.close());
    /** What the server signs with: the setting's secrets, unless an admin has rotated one (stored). */
    const signing = (settings: Record<string, string>) =>
      new WebhookSigningSecrets({ settings, store: new WebhookSecretStore(stores.documents), clock: () => new Date(), graceMs: 0 });

    async function directory() {
      const bank = await loadQuestionBank();
      return loadAgencyDirectory(DEFAULT_AGENCIES_PATH, { topicIds: bank.topics.map((topic) => topic.id), allowPlainHttpWebhooks: false });
    }

    it('when an agency with a webhook URL has no secret should switch its webhook off outside production, and refuse in production', async () => {
      const agencies = await directory();
      const warnings: string[] = [];
      const log = createLogger('warn', (line) => warnings.push(line));
      const t = (await loadTranslations()).forLocale('en');
      const settings = { 'cambridge-housing-options': secret() };
      const endpoints = await webhookEndpoints(agencies, settings, { production: false, log, t, signing: signing(settings) });
      const signed = [];
      for (const [agencyId, endpoint] of endpoints) if ((await endpoint.signers()).length > 0) signed.push(agencyId);
      expect(signed).toEqual(['cambridge-housing-options']);
      expect(warnings.join('\n')).toContain('webhook.disabledNoSecret');
      const firstWithWebhook = agencies.agencies.find((agency) => agency.handoff.webhookUrl)?.id;
      await expect(webhookEndpoints(agencies, {}, { production: true, log, t, signing: signing({}) })).rejects.toThrow(ConfigurationError);
      await expect(webhookEndpoints(agencies, {}, { production: true, log, t, signing: signing({}) })).rejects.toThrow(
        t('operator.config.webhookSecretMissing', { agencyId: firstWithWebhook }),
      );
    });

    it('when a secret names an agency not in the directory should refuse (a typo would silently switch webhooks off)', async () => {
      const agencies = await directory();
      const t = (await loadTranslations()).forLocale('en');
      const settings = { 'cambridge-housing-option': secret() };
      const typo = () => webhookEndpoints(agencies, settings, { production: false, log: createLogger('silent'), t, signing: signing(settings) });
      await expect(typo()).rejects.toThrow(ConfigurationError);
      await expect(typo()).rejects.toThrow(t('operator.config.webhookSecretsUnknownAgencies', { agencies: 'cambridge-housing-option' }));
    });
  });
});
