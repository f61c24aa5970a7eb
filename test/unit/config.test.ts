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
  });

  it('takes what is configured', () => {
    const config = loadConfig({ PORT: '8080', MEDIASOUP_ANNOUNCED_ADDRESS: 'media.example.org', JOIN_LINK_TTL_HOURS: '0.5', PUBLIC_URL: 'https://x.example/' });
    expect(config.port).toBe(8080);
    expect(config.media.announcedAddress).toBe('media.example.org');
    expect(config.joinLinkTtlSeconds).toBe(1800);
    expect(config.publicUrl).toBe('https://x.example');
  });

  it('refuses invalid values with a message naming each variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });
});
