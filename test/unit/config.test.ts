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
