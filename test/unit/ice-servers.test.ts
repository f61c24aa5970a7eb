import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config/config.js';
import { iceServersFor } from '../../server/src/media/ice-servers.js';

const ice = { turnUrls: ['turn:turn.example.org:3478', 'turns:turn.example.org:443?transport=tcp'], turnSecret: 's3cret', credentialTtlSeconds: 3600, transportPolicy: 'all' as const };

describe('TURN credentials', () => {
  it('follow the TURN REST API: the username is expiry:participant, the password its HMAC-SHA1 under the shared secret', () => {
    const now = Date.UTC(2026, 11, 2, 8, 0, 0);
    const { iceServers } = iceServersFor(ice, 'participant-1', now);
    const [server] = iceServers;
    expect(server!.urls).toEqual(ice.turnUrls);
    expect(server!.username).toBe(`${now / 1000 + 3600}:participant-1`);
    expect(server!.credential).toBe(createHmac('sha1', 's3cret').update(server!.username).digest('base64'));
  });

  it('are none without TURN servers', () => {
    expect(iceServersFor({ ...ice, turnUrls: [], turnSecret: undefined }, 'p')).toEqual({ iceServers: [], iceTransportPolicy: 'all' });
  });
});

describe('the TURN configuration', () => {
  it('reads the URLs, the secret, the lifetime and the policy', () => {
    const config = loadConfig({ TURN_URLS: 'turn:a.example:3478, turns:a.example:443?transport=tcp', TURN_SECRET: 'x', TURN_CREDENTIAL_TTL_HOURS: '2', ICE_TRANSPORT_POLICY: 'relay' });
    expect(config.ice).toEqual({ turnUrls: ['turn:a.example:3478', 'turns:a.example:443?transport=tcp'], turnSecret: 'x', credentialTtlSeconds: 7200, transportPolicy: 'relay' });
  });

  it('refuses a URL that is not TURN, URLs without a secret, and relaying without servers', () => {
    expect(() => loadConfig({ TURN_URLS: 'stun:a.example', TURN_SECRET: 'x' })).toThrow(ConfigError);
    expect(() => loadConfig({ TURN_URLS: 'turn:a.example' })).toThrow(/TURN_SECRET/);
    expect(() => loadConfig({ ICE_TRANSPORT_POLICY: 'relay' })).toThrow(/relay needs TURN_URLS/);
  });
});
