import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { SECRETS_KEY_BYTES } from '../store/postgres/kept-secret-cipher.js';

const port = z.coerce.number().int().min(0).max(65535);
/** A shorter token could be guessed; one of 16 random characters cannot. */
const MIN_METRICS_TOKEN_LENGTH = 16;
const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : value));

/** SECRETS_KEY: base64 (or base64url) of exactly SECRETS_KEY_BYTES bytes, as `openssl rand -base64 32` prints it. */
const secretsKey = optionalString.pipe(
  z
    .string()
    .regex(/^[A-Za-z0-9+/_-]+={0,2}$/u, 'base64')
    .transform((value) => Buffer.from(value, 'base64'))
    .refine((key) => key.length === SECRETS_KEY_BYTES, `${SECRETS_KEY_BYTES} bytes, base64 (openssl rand -base64 ${SECRETS_KEY_BYTES})`)
    .optional(),
);

/** Every environment variable the service reads; the README lists the same. */
const EnvSchema = z.object({
  HOST: z.string().default('0.0.0.0'),
  PORT: port.default(3000),
  /** The address people's browsers use to reach the service (join links are built on it). */
  PUBLIC_URL: optionalString,
  DATA_DIR: z.string().default(path.resolve('data')),
  /** HS256 secret for join links and sign-in sessions; generated and kept (DATA_DIR or the database) when absent. */
  JWT_SECRET: optionalString,
  /** PostgreSQL, shared by every node: with it, the install's secrets are kept there rather than in DATA_DIR. */
  DATABASE_URL: optionalString.pipe(z.string().regex(/^postgres(ql)?:\/\//u, 'a postgres:// URL').optional()),
  /** The key (AES-256) the secrets kept in the database are encrypted under; required with DATABASE_URL. */
  SECRETS_KEY: secretsKey,
  /** Redis, shared by every node, for the live state. */
  REDIS_URL: optionalString.pipe(z.string().regex(/^rediss?:\/\//u, 'a redis:// URL').optional()),
  JOIN_LINK_TTL_HOURS: z.coerce.number().positive().default(72),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_MEDIATOR_EMAIL: z.string().email().default('mediator@demo.example'),
  DEMO_MEDIATOR_PASSWORD: optionalString,
  MEDIASOUP_WORKERS: z.coerce.number().int().min(0).default(0),
  MEDIASOUP_LISTEN_IP: z.string().default('0.0.0.0'),
  MEDIASOUP_ANNOUNCED_ADDRESS: optionalString,
  /** Worker i listens on RTC_PORT + i, UDP and TCP; 0 picks free ports (tests). */
  RTC_PORT: port.default(40000),
  MEDIASOUP_LOG_LEVEL: z.enum(['debug', 'warn', 'error', 'none']).default('warn'),
  SOCKET_EVENTS_PER_SECOND: z.coerce.number().positive().default(50),
  SOCKET_EVENT_BURST: z.coerce.number().int().positive().default(100),
  CLIENT_DIST_DIR: z.string().default(path.resolve('client/dist')),
  /**
   * Which proxies' X-Forwarded-For is believed for a client's address (sign-in throttle,
   * audit log): Express's `trust proxy` (`loopback`, addresses or subnets, comma separated).
   */
  TRUST_PROXY: z.string().default('loopback'),
  /** The committee's own PKCS#12 (key and certificate chain) to seal issued agreements with. */
  COMMITTEE_P12_PATH: optionalString,
  COMMITTEE_P12_PASSPHRASE: optionalString,
  /** The bearer token /metrics asks for; with it, /metrics is also served on the main port. */
  METRICS_TOKEN: optionalString.pipe(z.string().min(MIN_METRICS_TOKEN_LENGTH, `at least ${MIN_METRICS_TOKEN_LENGTH} characters`).optional()),
  /** A listener of its own for /metrics, for the operator's scraper only. */
  METRICS_PORT: optionalString.pipe(z.coerce.number<string | undefined>().int().min(0).max(65535).optional()),
  METRICS_HOST: z.string().default('127.0.0.1'),
  /** TURN servers for people behind strict firewalls (turn:host:3478, turns:host:443?transport=tcp), comma separated. */
  TURN_URLS: optionalString.pipe(
    z
      .string()
      .transform((value) => value.split(',').map((url) => url.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^turns?:[^\s]+$/u, 'each a turn: or turns: URL')).min(1))
      .optional(),
  ),
  /** The TURN server's shared secret (coturn's static-auth-secret): each person gets credentials made from it. */
  TURN_SECRET: optionalString,
  /** How long the TURN credentials of a join stay valid. */
  TURN_CREDENTIAL_TTL_HOURS: z.coerce.number().positive().default(12),
  /** `relay` sends all media through TURN (nothing of a person's own addresses reaches the service). */
  ICE_TRANSPORT_POLICY: z.enum(['all', 'relay']).default('all'),
  /** This node's name among several (unique); generated from the host name and process when absent. */
  NODE_ID: optionalString.pipe(z.string().regex(/^[A-Za-z0-9._-]{1,64}$/u, 'letters, digits, dot, dash or underscore').optional()),
  /** Where the other nodes reach this one (http://10.0.0.5:3000); the listening address when absent. */
  NODE_URL: optionalString.pipe(z.string().url().optional()),
});

export interface Config {
  host: string;
  port: number;
  publicUrl: string | undefined;
  dataDir: string;
  jwtSecret: string | undefined;
  /** Absent: the embedded default, one node with its files in dataDir. */
  databaseUrl: string | undefined;
  /** What the secrets kept in the database are encrypted under; present whenever databaseUrl is. */
  secretsKey: Uint8Array | undefined;
  joinLinkTtlSeconds: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  demoMediator: { email: string; password: string | undefined };
  media: {
    workers: number;
    listenIp: string;
    announcedAddress: string | undefined;
    rtcPort: number;
    logLevel: z.infer<typeof EnvSchema>['MEDIASOUP_LOG_LEVEL'];
  };
  rateLimit: { eventsPerSecond: number; burst: number };
  clientDistDir: string;
  /** Express's `trust proxy`: whose X-Forwarded-For names the client. */
  trustProxy: string;
  /** Absent: each committee gets a certificate from the install's own root CA. */
  committeeP12: { path: string; passphrase: string | undefined } | undefined;
  /**
   * Who may read /metrics: with a token, whoever presents it (on the main port and on the
   * metrics listener); with a port, whoever reaches that listener. With neither, nobody.
   */
  metrics: { token: string | undefined; port: number | undefined; host: string };
  /** The TURN servers browsers are given, with the secret their time-limited credentials are made from. */
  ice: { turnUrls: string[]; turnSecret: string | undefined; credentialTtlSeconds: number; transportPolicy: 'all' | 'relay' };
  /** Running as one of several nodes: the Redis they share, this node's name and the address the others reach it at. */
  cluster: { redisUrl: string | undefined; nodeId: string; nodeUrl: string | undefined };
}

export class ConfigError extends Error {}

/**
 * Browsers must be told a reachable address. Listening on all interfaces, the default is
 * this machine's first external IPv4 address (loopback on a machine without one); behind
 * NAT, MEDIASOUP_ANNOUNCED_ADDRESS must name the public address.
 */
function defaultAnnouncedAddress(listenIp: string): string | undefined {
  if (listenIp !== '0.0.0.0') return undefined;
  const external = Object.values(os.networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal);
  return external?.address ?? '127.0.0.1';
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.TURN_URLS && !e.TURN_SECRET) throw new ConfigError('Invalid configuration:\n  TURN_SECRET: required with TURN_URLS');
  if (e.ICE_TRANSPORT_POLICY === 'relay' && !e.TURN_URLS) throw new ConfigError('Invalid configuration:\n  ICE_TRANSPORT_POLICY: relay needs TURN_URLS');
  if (e.DATABASE_URL && !e.SECRETS_KEY) {
    throw new ConfigError(
      `Invalid configuration:\n  SECRETS_KEY: required with DATABASE_URL, to encrypt the secrets kept in the database (${SECRETS_KEY_BYTES} random bytes, base64: openssl rand -base64 ${SECRETS_KEY_BYTES}); every node needs the same one`,
    );
  }
  return {
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    dataDir: path.resolve(e.DATA_DIR),
    jwtSecret: e.JWT_SECRET,
    databaseUrl: e.DATABASE_URL,
    secretsKey: e.SECRETS_KEY,
    joinLinkTtlSeconds: Math.round(e.JOIN_LINK_TTL_HOURS * 3600),
    logLevel: e.LOG_LEVEL,
    demoMediator: { email: e.DEMO_MEDIATOR_EMAIL, password: e.DEMO_MEDIATOR_PASSWORD },
    media: {
      workers: e.MEDIASOUP_WORKERS || os.availableParallelism(),
      listenIp: e.MEDIASOUP_LISTEN_IP,
      announcedAddress: e.MEDIASOUP_ANNOUNCED_ADDRESS ?? defaultAnnouncedAddress(e.MEDIASOUP_LISTEN_IP),
      rtcPort: e.RTC_PORT,
      logLevel: e.MEDIASOUP_LOG_LEVEL,
    },
    rateLimit: { eventsPerSecond: e.SOCKET_EVENTS_PER_SECOND, burst: e.SOCKET_EVENT_BURST },
    clientDistDir: path.resolve(e.CLIENT_DIST_DIR),
    trustProxy: e.TRUST_PROXY,
    committeeP12: e.COMMITTEE_P12_PATH
      ? { path: path.resolve(e.COMMITTEE_P12_PATH), passphrase: e.COMMITTEE_P12_PASSPHRASE }
      : undefined,
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT, host: e.METRICS_HOST },
    ice: {
      turnUrls: e.TURN_URLS ?? [],
      turnSecret: e.TURN_SECRET,
      credentialTtlSeconds: Math.round(e.TURN_CREDENTIAL_TTL_HOURS * 3600),
      transportPolicy: e.ICE_TRANSPORT_POLICY,
    },
    cluster: {
      redisUrl: e.REDIS_URL,
      nodeId: e.NODE_ID ?? `${os.hostname()}-${process.pid}`.replace(/[^A-Za-z0-9._-]/gu, '-').slice(0, 64),
      nodeUrl: e.NODE_URL?.replace(/\/$/, ''),
    },
  };
}
