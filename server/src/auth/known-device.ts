import { randomBytes } from 'node:crypto';
import jwt, { type Secret } from 'jsonwebtoken';

const AUDIENCE = 'known-device';
export const KNOWN_DEVICE_COOKIE = 'mediation_device';
/** A device stays known for half a year after its last successful sign-in. */
export const KNOWN_DEVICE_TTL_SECONDS = 182 * 24 * 3600;
/** The cookie goes only to the sign-in endpoint, the one place that reads it. */
export const KNOWN_DEVICE_COOKIE_PATH = '/api/auth/sign-in';
const DEVICE_ID_BYTES = 16;

/** A browser where this account signed in successfully before. */
export interface KnownDevice {
  accountId: string;
  deviceId: string;
}

/**
 * The known-device token, set in an HttpOnly cookie at each successful sign-in. It proves
 * only that the browser once held the account's password: its holder's attempts are
 * counted per device instead of against the account, so that a stranger spending the
 * account's attempts does not lock the real person out. It signs nobody in by itself.
 */
export function signKnownDevice(secret: Secret, device: KnownDevice): string {
  return jwt.sign({}, secret, {
    algorithm: 'HS256',
    subject: device.accountId,
    audience: AUDIENCE,
    jwtid: device.deviceId,
    expiresIn: KNOWN_DEVICE_TTL_SECONDS,
  });
}

export function newDeviceId(): string {
  return randomBytes(DEVICE_ID_BYTES).toString('base64url');
}

/**
 * The device a known-device token names, or undefined when there is none or it does not
 * verify: such a browser is simply not known, which is no error.
 */
export function readKnownDevice(secret: Secret, token: string | undefined): KnownDevice | undefined {
  if (!token) return undefined;
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, secret, { algorithms: ['HS256'], audience: AUDIENCE });
  } catch {
    // Expired, forged or from another install: an unknown device, counted as a stranger.
    return undefined;
  }
  if (typeof payload !== 'object' || typeof payload.sub !== 'string' || typeof payload.jti !== 'string') return undefined;
  return { accountId: payload.sub, deviceId: payload.jti };
}
