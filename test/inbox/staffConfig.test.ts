import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, loadConfig, publicUrl } from '../../bot/config.js';
import { operatorCopy } from '../../bot/i18n.js';

/** The staff pages' settings: PUBLIC_URL (setup links are built on it) and STAFF_IDLE_MINUTES. */
const t = operatorCopy();
const PRODUCTION = { NODE_ENV: 'production', MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret-value', ONESTORY_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') };

function problemsWith(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('staff settings', () => {
  it('should default to this machine on PORT, and a 30-minute idle time', () => {
    const config = loadConfig({ PORT: '8080' });
    expect(publicUrl(config)).toBe('http://localhost:8080');
    expect(config.STAFF_IDLE_MINUTES).toBe(30);
    expect(publicUrl(loadConfig({ PUBLIC_URL: 'https://onestory.example.org/' }))).toBe('https://onestory.example.org');
  });

  it('should refuse a PUBLIC_URL with a path, or plain http to another machine in production', () => {
    expect(problemsWith({ PUBLIC_URL: 'https://example.org/one-story' })).toContain(`PUBLIC_URL: ${t('operator.config.publicUrl')}`);
    expect(problemsWith({ ...PRODUCTION, PUBLIC_URL: 'http://onestory.example.org' })).toContain(`PUBLIC_URL: ${t('operator.config.publicUrlHttps')}`);
    expect(loadConfig({ ...PRODUCTION, PUBLIC_URL: 'https://onestory.example.org' }).PUBLIC_URL).toBe('https://onestory.example.org');
    expect(problemsWith({ STAFF_IDLE_MINUTES: '0' })).toContain('STAFF_IDLE_MINUTES');
  });
});
