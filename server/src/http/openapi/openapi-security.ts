import type { RouteAuth } from '@mediation/shared';
import { SESSION_COOKIE } from '../../auth/account-session.js';
import { API_KEY_PREFIX } from '../../organisation/api-key-secret.js';

/** How a caller proves who they are, one scheme each (all Bearer tokens travel the same way). */
export const SECURITY_SCHEMES = {
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'An account’s session, set by signing in (browsers).',
  },
  sessionToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'An account’s session token (the value of the session cookie) as `Authorization: Bearer …`, for scripts.',
  },
  joinLink: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A participant’s personal join link: the token after `#token=` in its URL, as `Authorization: Bearer …`.',
  },
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    description: `A platform’s API key (\`${API_KEY_PREFIX}…\`) as \`Authorization: Bearer ${API_KEY_PREFIX}…\`. It reaches what lies in and below its region; requests are rate-limited per key.`,
  },
} as const;
export type SecuritySchemeName = keyof typeof SECURITY_SCHEMES;

/** The schemes a route accepts, any one of them enough; none for a public route. */
export const SECURITY_OF: { readonly [A in RouteAuth]: readonly SecuritySchemeName[] } = {
  none: [],
  account: ['sessionCookie', 'sessionToken'],
  principal: ['sessionCookie', 'sessionToken', 'joinLink', 'apiKey'],
  'api-key': ['apiKey'],
};
