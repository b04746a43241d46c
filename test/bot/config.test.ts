import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, loadConfig, publicUrl } from '../../bot/config.js';
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

  describe('where it listens without authentication', () => {
    const key = Buffer.alloc(32, 1).toString('base64');
    const production = { NODE_ENV: 'production', ONESTORY_ENCRYPTION_KEY: key };
    const hostProblem = (t: ReturnType<typeof operatorCopy>) => `HOST: ${t('operator.config.hostWithoutAuthentication')}`;

    it('production refuses a HOST other than this machine, or none (every interface), when MicrosoftAppId is unset', () => {
      const t = operatorCopy();
      for (const HOST of ['0.0.0.0', '::', '192.168.1.20', 'bot.example.org', undefined]) {
        expect([HOST, problemsWith({ ...production, ...(HOST === undefined ? {} : { HOST }) })]).toEqual([HOST, expect.stringContaining(hostProblem(t))]);
      }
      for (const HOST of ['127.0.0.1', '::1', 'localhost']) expect(problemsWith({ ...production, HOST })).not.toContain('HOST:');
    });

    it('production with authentication may listen anywhere; outside production any HOST is accepted', () => {
      expect(loadConfig({ ...production, HOST: '0.0.0.0', MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret-value' }).HOST).toBe('0.0.0.0');
      expect(loadConfig({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    });

    it('reads ALLOWED_SERVICE_URL_HOSTS as host names, and refuses a URL or a port there', () => {
      expect(loadConfig({}).ALLOWED_SERVICE_URL_HOSTS).toEqual([]);
      expect(loadConfig({ ALLOWED_SERVICE_URL_HOSTS: 'Bots.Example.org, 10.0.0.5,[fd00::7]' }).ALLOWED_SERVICE_URL_HOSTS).toEqual(['bots.example.org', '10.0.0.5', 'fd00::7']);
      const t = operatorCopy();
      for (const value of ['https://bots.example.org', 'bots.example.org/api', 'bots.example.org:8080', 'bots example']) {
        expect(problemsWith({ ALLOWED_SERVICE_URL_HOSTS: value })).toContain(`ALLOWED_SERVICE_URL_HOSTS: ${t('operator.config.hostList')}`);
      }
    });
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
      { NODE_ENV: 'production', HOST: '0.0.0.0' },
      { ALLOWED_SERVICE_URL_HOSTS: 'https://x.example' },
    ].map(problemsWith);
    for (const told of [message, production, ...others]) expect(told).not.toMatch(/operator\.|\{\{/);
  });
});

/** The staff pages' settings: PUBLIC_URL (setup links are built on it) and STAFF_IDLE_MINUTES. */
const PRODUCTION = { NODE_ENV: 'production', MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret-value', ONESTORY_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') };

describe('staff settings', () => {
  it('should default to this machine on PORT, and a 30-minute idle time', () => {
    const config = loadConfig({ PORT: '8080' });
    expect(publicUrl(config)).toBe('http://localhost:8080');
    expect(config.STAFF_IDLE_MINUTES).toBe(30);
    expect(publicUrl(loadConfig({ PUBLIC_URL: 'https://onestory.example.org/' }))).toBe('https://onestory.example.org');
  });

  it('should refuse a PUBLIC_URL with a path, or plain http to another machine in production', () => {
    expect(problemsWith({ PUBLIC_URL: 'https://example.org/one-story' })).toContain(`PUBLIC_URL: ${operatorCopy()('operator.config.publicUrl')}`);
    expect(problemsWith({ ...PRODUCTION, PUBLIC_URL: 'http://onestory.example.org' })).toContain(`PUBLIC_URL: ${operatorCopy()('operator.config.publicUrlHttps')}`);
    expect(loadConfig({ ...PRODUCTION, PUBLIC_URL: 'https://onestory.example.org' }).PUBLIC_URL).toBe('https://onestory.example.org');
    expect(problemsWith({ STAFF_IDLE_MINUTES: '0' })).toContain('STAFF_IDLE_MINUTES');
  });
});
