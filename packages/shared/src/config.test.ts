import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('parseConfig', () => {
  it('applies embedded defaults when nothing is set', () => {
    const config = parseConfig({});
    expect(config.PORT).toBe(8080);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.DATA_DIR).toBe('./data');
  });

  it('treats empty strings as unset', () => {
    expect(parseConfig({ DATABASE_URL: '', PORT: '' }).PORT).toBe(8080);
  });

  it('names every invalid variable', () => {
    try {
      parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: 'not a url' });
      expect.unreachable('parseConfig accepted invalid values');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const variables = (error as ConfigError).problems.map((p) => p.variable).sort();
      expect(variables).toEqual(['DATABASE_URL', 'PORT', 'REDIS_URL']);
      expect((error as ConfigError).message).toContain('DATABASE_URL: must start with postgres://');
    }
  });

  it('keeps comment text 90 days by default and refuses a retention too short for the SLA', () => {
    expect(parseConfig({}).COMMENT_RETENTION_DAYS).toBe(90);
    expect(parseConfig({ COMMENT_RETENTION_DAYS: '45' }).COMMENT_RETENTION_DAYS).toBe(45);
    expect(() => parseConfig({ COMMENT_RETENTION_DAYS: '7' })).toThrow(/COMMENT_RETENTION_DAYS: must be at least 30/);
  });

  it('takes OK credentials all together or not at all, and Telegram only with a preview address', () => {
    const ok = parseConfig({ OK_APPLICATION_KEY: 'CBA', OK_APPLICATION_SECRET_KEY: 'secret', OK_ACCESS_TOKEN: 'token', TELEGRAM_PREVIEW_URL: 'https://t.me' });
    expect(ok).toMatchObject({ OK_ACCESS_TOKEN: 'token', TELEGRAM_PREVIEW_URL: 'https://t.me' });
    expect(parseConfig({}).TELEGRAM_PREVIEW_URL).toBeUndefined();
    try {
      parseConfig({ OK_APPLICATION_KEY: 'CBA', TELEGRAM_PREVIEW_URL: 'ftp://t.me' });
      expect.unreachable('parseConfig accepted a partial OK configuration');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual(['OK_ACCESS_TOKEN', 'OK_APPLICATION_SECRET_KEY', 'TELEGRAM_PREVIEW_URL']);
      expect((error as ConfigError).message).toContain('OK_ACCESS_TOKEN: required when OK_APPLICATION_KEY is set');
    }
  });
});

describe('TRUST_PROXY', () => {
  it('is off by default and reads a hop count or a list of proxy addresses', () => {
    expect(parseConfig({}).TRUST_PROXY).toBe(false);
    expect(parseConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(parseConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(parseConfig({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,::1' }).TRUST_PROXY).toEqual(['10.0.0.1', '192.168.0.0/16', '::1']);
  });
  it('names the variable for a value it cannot read', () => {
    expect(() => parseConfig({ TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY/);
  });
});

describe('PUBLIC_URL in production (issue 13, item 6)', () => {
  it('is required, so links never follow the Host header', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/PUBLIC_URL: required in production/);
    expect(parseConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://most.example' }).PUBLIC_URL).toBe('https://most.example');
  });
});
