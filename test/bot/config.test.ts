import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, loadConfig } from '../../bot/config.js';
import { operatorCopy } from '../../bot/i18n.js';

function problemsWith(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('loadConfig', () => {
  it('has working defaults for local use', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3978);
    expect(config.DATA_DIR).toBe('./var');
    expect(config.MicrosoftAppId).toBeUndefined();
  });

  it('fails fast in production without an app id, naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ONESTORY_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') })).toThrow(/MicrosoftAppId/);
  });

  it('fails fast in production without an encryption key', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret-value' })).toThrow(/ONESTORY_ENCRYPTION_KEY/);
  });

  it('names a bad variable and never prints its value', () => {
    const secret = 'not-a-key-but-a-secret-9931';
    let error: unknown;
    try {
      loadConfig({ ONESTORY_ENCRYPTION_KEY: secret, PORT: 'eighty' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as Error).message;
    expect(message).toContain('ONESTORY_ENCRYPTION_KEY');
    expect(message).toContain('PORT');
    expect(message).not.toContain(secret);
    expect(message).not.toContain('eighty');
  });

  it('requires the password with an app id, and the tenant for single-tenant bots', () => {
    expect(() => loadConfig({ MicrosoftAppId: 'id' })).toThrow(/MicrosoftAppPassword/);
    expect(() => loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant' })).toThrow(/MicrosoftAppTenantId/);
  });

  it("tells each problem in the operator's words (locales/en/operator.json), naming the variable", () => {
    const t = operatorCopy();
    const message = problemsWith({ PORT: '99999', LOG_LEVEL: 'loud', EXIT_URL: 'ftp://files.example', AGENCY_WEBHOOK_SECRETS: '{"a-team":"nope"}' });
    expect(message.split('\n')[0]).toBe(t('operator.config.cannotStart'));
    expect(message).toContain(`PORT: ${t('operator.config.atMost', { maximum: '65535' })}`);
    expect(message).toContain(`LOG_LEVEL: ${t('operator.config.oneOf', { values: 'debug, info, warn, error, silent' })}`);
    expect(message).toContain(`EXIT_URL: ${t('operator.config.httpUrl')}`);
    expect(message).toContain(`AGENCY_WEBHOOK_SECRETS: ${t('operator.config.webhookSecretFormat', { agencyId: 'a-team', minBytes: 24, maxBytes: 64 })}`);
    expect(message).not.toContain('nope');
    const production = problemsWith({ NODE_ENV: 'production' });
    expect(production).toContain(`MicrosoftAppId: ${t('operator.config.appIdInProduction')}`);
    expect(production).toContain(`ONESTORY_ENCRYPTION_KEY: ${t('operator.config.encryptionKeyInProduction')}`);
    // Every rule's key finds its copy: no key is ever shown in place of words.
    const others = [
      { ONESTORY_ENCRYPTION_KEY: 'short' },
      { MicrosoftAppId: 'id' },
      { MicrosoftAppId: 'id', MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant' },
      { AGENCY_WEBHOOK_SECRETS: '[]' },
      { PORT: 'eighty', DATA_DIR: '' },
    ].map(problemsWith);
    for (const told of [message, production, ...others]) expect(told).not.toMatch(/operator\.|\{\{/);
  });
});
