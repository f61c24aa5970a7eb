import type { KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadOrCreateSecret } from './auth/load-or-create-secret.js';
import { seedDemoOrganisation } from './auth/seed-demo-organisation.js';
import { nodeLoad } from './cluster/node-load.js';
import { openCluster } from './cluster/open-cluster.js';
import { routeSignalling } from './cluster/relay-signalling.js';
import { RoomHosting } from './cluster/room-hosting.js';
import type { Config } from './config/config.js';
import { DraftingRegistry } from './drafting/drafting-registry.js';
import { createHttpApp } from './http/create-http-app.js';
import type { NodeHealth } from './http/routes/health-routes.js';
import { securityHeaderValues } from './http/security-headers.js';
import { startMetricsListener, type MetricsListener } from './http/start-metrics-listener.js';
import type { Logger } from './logging/logger.js';
import { WorkerPool } from './media/worker-pool.js';
import { createMetrics } from './metrics/create-metrics.js';
import { CommitteeCredentials } from './organisation/committee-credentials.js';
import { sendToRoom } from './realtime/send-to-room.js';
import { createSocketServer, type RoomSocketServer } from './realtime/socket-server.js';
import { RoomDoors } from './rooms/room-doors.js';
import { recordRoomSessions } from './rooms/record-room-sessions.js';
import { RoomRegistry } from './rooms/room-registry.js';
import type { AgreementIssuing } from './signing/issue-agreement.js';
import { IssuingThread } from './signing/issuing-thread/issuing-thread.js';
import type { KeptSecrets } from './store/kept-secrets.js';
import { openKeptSecrets, type KeptSecretsConfig } from './store/open-kept-secrets.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';

export interface Service {
  url: string;
  port: number;
  store: Store;
  workers: WorkerPool;
  rooms: RoomRegistry;
  /** Who may enter each room, and where everyone is; outlives a room whose worker died. */
  doors: RoomDoors;
  drafting: DraftingRegistry;
  io: RoomSocketServer;
  /** The rooms this node is home of (all of them, alone). */
  hosting: RoomHosting;
  secret: KeyObject;
  /** The JWT secret, root CA and committees' credentials: files of the data directory, or rows every node shares. */
  keptSecrets: KeptSecrets;
  /** The metrics listener's address, when METRICS_PORT is configured. */
  metricsUrl: string | undefined;
  /** Settles when the work begun at start-up in the background is done (a new committee's credentials). */
  settled: Promise<void>;
  close(): Promise<void>;
}

/**
 * What a test may put around the service's parts, to hold one call at a chosen point and
 * let a competing action through.
 */
export interface ServiceHooks {
  wrapStore?: (store: Store) => Store;
  wrapIssuing?: (issuing: AgreementIssuing) => AgreementIssuing;
}

/** The start-up steps: store, media, HTTP, sockets, listen. */
export async function startService(config: Config, logger: Logger, hooks: ServiceHooks = {}): Promise<Service> {
  // The store first: on PostgreSQL, its migrations make the table the secrets are kept in.
  const opened = await openStore(config, logger);
  const keptSecretsConfig: KeptSecretsConfig = { dataDir: config.dataDir, databaseUrl: config.databaseUrl, secretsKey: config.secretsKey };
  const keptSecrets = await openKeptSecrets(keptSecretsConfig, undefined);
  const secret = await loadOrCreateSecret(keptSecrets.secrets, config.jwtSecret);
  const store = hooks.wrapStore?.(opened) ?? opened;
  const newCommittee = await seedDemoOrganisation(store, logger, config.demoMediator);
  const cluster = await openCluster(config.cluster.redisUrl, config.cluster.nodeId, logger);
  if (!config.cluster.redisUrl) {
    // Alone, nobody is in a caucus of a room this process has not opened yet: those left open are over.
    // (With other nodes, they are other nodes' rooms, or the rooms this one is about to take over.)
    await store.closeOpenCaucuses(new Date().toISOString());
    // Nor is any room held that this process has not opened: the sessions a stop cut short ended then.
    await store.endOpenRoomSessions(new Date().toISOString());
  }
  const issuingThread = new IssuingThread(keptSecretsConfig, config.committeeP12);
  // A committee gets its signing key and certificate when it is created, the demo's at
  // the first start, an administrator's at once; all are waited for on close.
  const committeeCredentials = new CommitteeCredentials(issuingThread, logger);
  const credentialsReady = newCommittee ? committeeCredentials.prepare(newCommittee) : Promise.resolve();

  const workers = await WorkerPool.create(config.media, logger);
  const rooms = new RoomRegistry(workers, logger);
  recordRoomSessions(rooms, store, logger);
  const doors = new RoomDoors(rooms);
  // A session left for hours with a private session open: that caucus is over, its notes closed.
  doors.onForgotten((caseId) => {
    store.closeOpenCaucuses(new Date().toISOString(), caseId).catch((error: unknown) => logger.error({ err: error, case: caseId }, 'closing a forgotten session’s caucuses failed'));
  });
  // Documents reach their readers through the socket server's rooms (the server is made below).
  const drafting = new DraftingRegistry(store, sendToRoom(() => io), logger);
  const health: NodeHealth = {
    node: () => ({ id: config.cluster.nodeId, ...nodeLoad(rooms), draining: hosting.draining }),
    redis: () => (!config.cluster.redisUrl ? 'not used' : cluster.redisReady() ? 'ok' : 'unreachable'),
    store: () => store.ping().then(() => 'ok' as const, () => 'unreachable' as const),
  };
  const metrics = createMetrics(rooms, workers, drafting, health);
  let nodeUrl = config.cluster.nodeUrl ?? '';
  const hosting = new RoomHosting(
    cluster.directory,
    doors,
    cluster.doorSnapshots,
    () => ({ id: config.cluster.nodeId, url: nodeUrl, ...nodeLoad(rooms) }),
    logger,
  );
  // A withdrawn link reaches its person wherever the room's home is (the sockets are made below).
  const sendAway = (roomId: string, participantId: string) => {
    doors.sendAway(roomId, participantId);
    if (cluster.socketAdapter) io.serverSideEmit('sendAway', roomId, participantId);
  };

  const app = createHttpApp({
    doors: { sendAway },
    store,
    secret,
    joinLinkTtlSeconds: config.joinLinkTtlSeconds,
    workers,
    metrics,
    logger,
    publicUrl: config.publicUrl,
    clientDistDir: config.clientDistDir,
    metricsToken: config.metrics.token,
    trustProxy: config.trustProxy,
    prepareCommitteeCredentials: (committee) => void committeeCredentials.prepare(committee),
    health,
  });
  const httpServer = http.createServer();
  const issuing: AgreementIssuing = {
    renderPdf: (input, committee) => issuingThread.renderAgreementPdf(input, committee),
    // Known once listening, when no public address is configured.
    verifyBaseUrl: config.publicUrl ?? '',
  };
  const io = createSocketServer({
    doors,
    store,
    rooms,
    drafting,
    hosting,
    issuing: hooks.wrapIssuing?.(issuing) ?? issuing,
    secret,
    rateLimit: config.rateLimit,
    ice: config.ice,
    logger,
  });
  // Socket.IO's engine writes its long-polling answers itself, outside Express.
  const socketSecurityHeaders = securityHeaderValues();
  io.engine.on('headers', (headers: Record<string, string>) => Object.assign(headers, socketSecurityHeaders));
  if (cluster.socketAdapter) io.adapter(cluster.socketAdapter);
  io.on('sendAway', (roomId, participantId) => doors.sendAway(roomId, participantId));
  // Each room's signalling goes to its home node; everything else is the app's.
  routeSignalling(httpServer, app, io.engine, cluster.directory, logger);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  nodeUrl ||= `http://${config.host === '0.0.0.0' ? (config.media.announcedAddress ?? '127.0.0.1') : config.host}:${port}`;
  await hosting.start();
  logger.info({ url, node: config.cluster.nodeId }, 'mediation room service listening');
  issuing.verifyBaseUrl ||= url;
  const metricsListener: MetricsListener | undefined =
    config.metrics.port === undefined
      ? undefined
      : await startMetricsListener(config.metrics.host, config.metrics.port, metrics, config.metrics.token, logger);

  return {
    url,
    port,
    store,
    workers,
    rooms,
    doors,
    drafting,
    io,
    hosting,
    secret,
    keptSecrets: keptSecrets.secrets,
    metricsUrl: metricsListener?.url,
    settled: credentialsReady,
    async close() {
      // Every room's people go on with another node before this one lets go of anything.
      if (config.cluster.redisUrl) await hosting.handOver();
      await committeeCredentials.settled();
      await metricsListener?.close();
      rooms.closeAll();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await hosting.stop();
      await cluster.close();
      await drafting.releaseAll();
      await issuingThread.close();
      await workers.close();
      await store.close();
      await keptSecrets.close();
    },
  };
}
