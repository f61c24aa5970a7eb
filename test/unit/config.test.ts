import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config/config.js';

describe('configuration from the environment', () => {
  it('has working defaults for one machine', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.media.workers).toBeGreaterThan(0);
    expect(config.media.rtcPort).toBe(40000);
    // Listening on all interfaces, browsers are told a concrete address, never 0.0.0.0.
    expect(config.media.announcedAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(config.media.announcedAddress).not.toBe('0.0.0.0');
    expect(config.joinLinkTtlSeconds).toBe(72 * 3600);
    expect(config.trustProxy).toBe('loopback');
  });

  it('takes what is configured', () => {
    const config = loadConfig({
      PORT: '8080',
      MEDIASOUP_ANNOUNCED_ADDRESS: 'media.example.org',
      JOIN_LINK_TTL_HOURS: '0.5',
      PUBLIC_URL: 'https://x.example/',
      TRUST_PROXY: 'loopback, 10.0.0.0/8',
    });
    expect(config.port).toBe(8080);
    expect(config.media.announcedAddress).toBe('media.example.org');
    expect(config.joinLinkTtlSeconds).toBe(1800);
    expect(config.publicUrl).toBe('https://x.example');
    expect(config.trustProxy).toBe('loopback, 10.0.0.0/8');
  });

  it('refuses invalid values with a message naming each variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });
});

describe('operator access to /metrics', () => {
  it('is off unless configured, with the metrics listener on loopback by default', () => {
    expect(loadConfig({}).metrics).toEqual({ token: undefined, port: undefined, host: '127.0.0.1' });
    expect(loadConfig({ METRICS_TOKEN: '', METRICS_PORT: '' }).metrics).toEqual({ token: undefined, port: undefined, host: '127.0.0.1' });
  });

  it('takes a token, a port and a host', () => {
    expect(loadConfig({ METRICS_TOKEN: 'a-token-of-enough-length', METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5' }).metrics).toEqual({
      token: 'a-token-of-enough-length',
      port: 9464,
      host: '10.0.0.5',
    });
  });

  it('refuses a token short enough to guess, and a port that is not one', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ METRICS_PORT: 'ninety' })).toThrow(/METRICS_PORT/);
  });
});

describe('the shared database and Redis of several nodes', () => {
  const key = Buffer.alloc(32, 7).toString('base64');

  it('are absent by default: the embedded default keeps its secrets in the data directory', () => {
    const config = loadConfig({});
    expect([config.databaseUrl, config.secretsKey, config.cluster.redisUrl]).toEqual([undefined, undefined, undefined]);
  });

  it('take a postgres:// URL, a redis:// URL and the 32-byte key the database’s secrets are encrypted under', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://mediation@db.internal/mediation', SECRETS_KEY: key, REDIS_URL: 'redis://cache.internal:6379' });
    expect(config.databaseUrl).toBe('postgres://mediation@db.internal/mediation');
    expect(config.cluster.redisUrl).toBe('redis://cache.internal:6379');
    expect(Buffer.from(config.secretsKey!).equals(Buffer.alloc(32, 7))).toBe(true);
  });

  it('refuse DATABASE_URL without SECRETS_KEY, saying how to make one', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/mediation' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/mediation' })).toThrow(/SECRETS_KEY: required with DATABASE_URL[\s\S]*openssl rand -base64 32/);
  });

  it('refuse a SECRETS_KEY that is not 32 bytes of base64, and URLs of another kind', () => {
    expect(() => loadConfig({ SECRETS_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/SECRETS_KEY: 32 bytes/);
    expect(() => loadConfig({ SECRETS_KEY: 'not base64 at all!' })).toThrow(/SECRETS_KEY/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://db/mediation', SECRETS_KEY: key })).toThrow(/DATABASE_URL: a postgres:\/\/ URL/);
    expect(() => loadConfig({ REDIS_URL: 'cache.internal:6379' })).toThrow(/REDIS_URL: a redis:\/\/ URL/);
  });
});
