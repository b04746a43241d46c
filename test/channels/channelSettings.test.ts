import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../bot/config.js';

describe('local web chat settings', () => {
  it('should default to a neutral exit page and a 30 minute idle time', () => {
    const config = loadConfig({});
    expect(config.EXIT_URL).toBe('https://www.bbc.co.uk/weather');
    expect(config.DIRECTLINE_IDLE_MINUTES).toBe(30);
  });

  it.each(['javascript:alert(1)', 'data:text/html,hi', 'not a url', '/relative'])('when EXIT_URL is %s, should refuse to start, naming the variable', (value) => {
    expect(() => loadConfig({ EXIT_URL: value })).toThrow(/EXIT_URL/);
  });

  it('when DIRECTLINE_IDLE_MINUTES is not a positive whole number, should refuse to start', () => {
    for (const value of ['0', '-5', 'soon', '1.5']) expect(() => loadConfig({ DIRECTLINE_IDLE_MINUTES: value })).toThrow(/DIRECTLINE_IDLE_MINUTES/);
  });
});
