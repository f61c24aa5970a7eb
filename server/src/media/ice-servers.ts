import { createHmac } from 'node:crypto';
import type { IceServers } from '@mediation/shared';
import type { Config } from '../config/config.js';

/**
 * The TURN servers a person's browser may relay through, with credentials that expire:
 * the TURN REST API convention coturn implements (`use-auth-secret`). The username is the
 * expiry time and the participant, the password its HMAC-SHA1 under the shared secret, so
 * the TURN server checks them without asking the service, and a leaked one soon stops working.
 */
export function iceServersFor(ice: Config['ice'], participantId: string, now = Date.now()): IceServers {
  if (ice.turnUrls.length === 0 || !ice.turnSecret) return { iceServers: [], iceTransportPolicy: ice.transportPolicy };
  const username = `${Math.floor(now / 1000) + ice.credentialTtlSeconds}:${participantId}`;
  const credential = createHmac('sha1', ice.turnSecret).update(username).digest('base64');
  return { iceServers: [{ urls: ice.turnUrls, username, credential }], iceTransportPolicy: ice.transportPolicy };
}
