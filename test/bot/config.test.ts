import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, loadConfig } from '../../bot/config.js';

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
});
