import { ServerEvent } from '@mediation/shared';
import { percentiles, type Percentiles } from '../../../scripts/bench/percentiles.js';
import { answerCode, answerProblem, errorBodyProblem, leakIn } from './check-answer.js';
import { Findings, reproductionOf, type Finding } from './findings.js';
import { FUZZ_JWT_SECRET } from './forged-tokens.js';
import { FuzzTally, type Counts } from './fuzz-tally.js';
import { setUpTargets, type FuzzTargets } from './fuzz-targets.js';
import { resolveRefsInText } from './input-references.js';
import type { FuzzInput, HandshakeInput, HttpInput, RawInput, SocketInput } from './fuzz-input.js';
import { HealthProber, type ProbeFailure } from './health-prober.js';
import { generateInput } from './input-classes.js';
import { labelOf, normalise } from './input-labels.js';
import { probeHandshake } from './probe-handshake.js';
import { sendHttp, sendRawHttp, type HttpOutcome } from './send-http.js';
import { ServiceChild, type ServiceExit } from './service-child.js';
import { runSigningWorkflow } from './signing-workflow.js';
import type { SendOutcome } from './socket-lane.js';

export interface FuzzOptions {
  seed: number;
  /** Inputs 0 … count-1 are sent, unless `only` names the ones to send. */
  count: number;
  only?: number[];
  /** Input classes left out (FUZZ_SKIP). */
  skip?: ReadonlySet<string>;
  /** A live session beside the fuzzing, checked and completed afterwards. */
  liveSession?: boolean;
  ackTimeoutMs?: number;
  /** A /healthz probe answered later than this is a stall. */
  probeBoundMs?: number;
  /** Resident memory may grow by this much over the run. */
  memoryBoundBytes?: number;
  maxInFlight?: number;
  /** How long /healthz is first probed with nothing sent (0: not at all). */
  floorMs?: number;
  serviceEnv?: Record<string, string>;
  /** Called every few seconds with a line of progress. */
  progress?: (line: string) => void;
}

export interface FuzzReport {
  seed: number;
  skip: string[];
  sent: number;
  durationMs: number;
  inputsPerSecond: number;
  byClass: Counts;
  answers: Counts;
  httpStatuses: Counts;
  outcomes: Counts;
  handshakes: Counts;
  slowestMs: Counts;
  exit: ServiceExit | null;
  health: { probes: number; failures: ProbeFailure[]; latencyMs: Percentiles; over100ms: number };
  /** /healthz on the same machine, service and connections, with no input sent (when `floorMs` asked for it). */
  healthFloor: { probes: number; latencyMs: Percentiles; eventLoopLagMaxMs: number | null } | null;
  /** Each failed /healthz probe, with the inputs that were answered as it ended, earliest started first. */
  stalls: { atMs: number; latencyMs: number; reason: string; suspects: string[]; suspectIndices: number[] }[];
  eventLoopLagMaxMs: number | null;
  memory: { rssBeforeBytes: number; rssAfterBytes: number | null; rssPeakBytes: number | null; rssMaxSampledBytes: number };
  live: { problems: string[]; completionProblems: string[] } | null;
  reconnects: Counts;
  findings: Finding[];
  /** The inputs that may have crashed the service, most likely first (FUZZ_REPLAY sends one alone). */
  crashCandidates: number[];
}

/** `floorMs`: how long /healthz is probed, every client connected, before any input is sent: the figure the fuzzing's is held against. */
const DEFAULTS = { liveSession: true, ackTimeoutMs: 15_000, probeBoundMs: 2_000, memoryBoundBytes: 384 * 1024 * 1024, maxInFlight: 12, floorMs: 0 };
/** How long before its exit is seen an input may have crashed the service. */
const CRASH_WINDOW_MS = 5000;
/** Parallel HTTP requests and handshakes. */
const HTTP_LANES = 4;
const HANDSHAKE_LANES = 2;

/** Starts the service, fuzzes it with `count` seeded inputs, checks it and stops it. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const settings = { ...DEFAULTS, ...options };
  const service = await ServiceChild.start({ JWT_SECRET: FUZZ_JWT_SECRET, SOCKET_EVENTS_PER_SECOND: '5000', SOCKET_EVENT_BURST: '5000', ...options.serviceEnv });
  try {
    return await new FuzzRun(service, settings).run();
  } finally {
    await service.stop();
  }
}

class FuzzRun {
  private readonly tally = new FuzzTally();
  private readonly findings = new Findings();
  /** The input each connection is handling, to blame for what the server pushes it. */
  private readonly current = new Map<string, FuzzInput>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly stalls: FuzzReport['stalls'] = [];
  private targets!: FuzzTargets;
  private startedAt = 0;

  constructor(
    private readonly service: ServiceChild,
    private readonly settings: FuzzOptions & typeof DEFAULTS,
  ) {}

  /** /healthz with every client connected and nothing sent: what the machine alone costs a probe. */
  private async probeFloor(): Promise<FuzzReport['healthFloor']> {
    const prober = new HealthProber(this.service.url, this.service.pid, { boundMs: this.settings.probeBoundMs });
    await new Promise((resolve) => setTimeout(resolve, this.settings.floorMs));
    const floor = await prober.stop();
    return {
      probes: floor.latenciesMs.length,
      latencyMs: percentiles(floor.latenciesMs),
      eventLoopLagMaxMs: floor.eventLoopLagMaxMs === null ? null : Math.round(floor.eventLoopLagMaxMs),
    };
  }

  /** The service has exited: what fails from now on is the crash's doing, not the input's. */
  private get crashed(): boolean {
    return this.service.exitedAt !== null;
  }

  async run(): Promise<FuzzReport> {
    const { settings, service } = this;
    this.targets = await setUpTargets(service.url, {
      seed: settings.seed,
      ackTimeoutMs: settings.ackTimeoutMs,
      liveSession: settings.liveSession,
      observer: { pushed: (lane, event, payload) => this.checkPush(lane, event, payload) },
    });
    for (const lane of [...this.targets.socketLanes.values(), ...this.targets.rawLanes.values()]) await lane.open();
    const healthFloor = settings.floorMs > 0 ? await this.probeFloor() : null;
    const rssBeforeBytes = service.rssBytes() ?? 0;
    const prober = new HealthProber(service.url, service.pid, { boundMs: settings.probeBoundMs });
    this.targets.live?.fuzzingBegins();
    this.startedAt = performance.now();

    await this.sendAll();

    const durationMs = performance.now() - this.startedAt;
    for (const lane of [...this.targets.socketLanes.values(), ...this.targets.rawLanes.values()]) lane.close();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rssAfterBytes = service.rssBytes();
    const rssPeakBytes = service.peakRssBytes();
    const health = await prober.stop();
    const live = this.targets.live && !this.crashed ? await this.checkLiveSession() : null;
    this.targets.live?.close();
    // A dying process stops answering a moment before its exit is seen.
    if (service.exitedAt !== null) this.findings.dropEchoes(service.exitedAt - 1000, Infinity, ['no-answer', 'stall']);
    // What went unanswered while the service stood still is the stall's doing (reported below).
    for (const failure of health.failures) {
      const stalledFrom = this.startedAt + failure.at;
      this.findings.dropEchoes(stalledFrom - 1000, stalledFrom + failure.latencyMs + settings.ackTimeoutMs, ['no-answer']);
    }
    this.reportStalls(health.failures);
    this.reportCrash();
    this.reportLoggedErrors();
    if (rssAfterBytes !== null && rssAfterBytes - rssBeforeBytes > settings.memoryBoundBytes) {
      this.findings.add('memory', `resident memory grew by more than ${Math.round(settings.memoryBoundBytes / 2 ** 20)} MB`, null, `before ${mb(rssBeforeBytes)}, after ${mb(rssAfterBytes)}, peak ${mb(rssPeakBytes ?? 0)}`);
    }

    const { tally } = this;
    return {
      seed: settings.seed,
      skip: [...(settings.skip ?? [])],
      sent: tally.sent,
      durationMs: Math.round(durationMs),
      inputsPerSecond: Math.round((tally.sent / durationMs) * 1000),
      byClass: tally.byClass,
      answers: tally.answers,
      httpStatuses: tally.httpStatuses,
      outcomes: tally.outcomes,
      handshakes: tally.handshakes,
      slowestMs: tally.slowestMs,
      exit: service.exit,
      health: {
        probes: health.latenciesMs.length,
        failures: health.failures,
        latencyMs: percentiles(health.latenciesMs),
        over100ms: health.latenciesMs.filter((ms) => ms > 100).length,
      },
      stalls: this.stalls,
      eventLoopLagMaxMs: health.eventLoopLagMaxMs === null ? null : Math.round(health.eventLoopLagMaxMs),
      healthFloor,
      memory: { rssBeforeBytes, rssAfterBytes, rssPeakBytes, rssMaxSampledBytes: Math.max(0, ...health.rssSamples) },
      live,
      reconnects: Object.fromEntries([...this.targets.socketLanes.values(), ...this.targets.rawLanes.values()].map((lane) => [lane.name, lane.reconnects])),
      findings: this.findings.list(),
      crashCandidates: this.crashCandidates(),
    };
  }

  private async sendAll(): Promise<void> {
    const { settings } = this;
    const indices = settings.only ?? Array.from({ length: settings.count }, (_, i) => i);
    let inFlight = 0;
    let slotFreed: () => void = () => undefined;
    let lastProgress = performance.now();
    for (const index of indices) {
      if (this.crashed) break;
      while (inFlight >= settings.maxInFlight) await new Promise<void>((resolve) => (slotFreed = resolve));
      if (this.crashed) break;
      const input = this.generate(index);
      inFlight++;
      this.dispatch(input).finally(() => {
        inFlight--;
        slotFreed();
      });
      if (performance.now() - lastProgress > 5000 && settings.progress) {
        lastProgress = performance.now();
        const seconds = (lastProgress - this.startedAt) / 1000;
        settings.progress(`${this.tally.sent}/${indices.length} inputs, ${Math.round(this.tally.sent / seconds)}/s, ${this.findings.list().length} distinct findings`);
      }
    }
    await Promise.all(this.chains.values());
  }

  private generate(index: number): FuzzInput {
    try {
      return generateInput(this.settings.seed, index, this.targets.context, this.settings.skip);
    } catch (error) {
      throw new Error(`generating input ${index} of seed ${this.settings.seed} failed`, { cause: error });
    }
  }

  /** Queues the input behind the others of its connection; resolves when it has been handled. */
  private dispatch(input: FuzzInput): Promise<void> {
    const key = chainKey(input);
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.handle(input));
    this.chains.set(key, next);
    return next;
  }

  private async handle(input: FuzzInput): Promise<void> {
    if (this.crashed) return;
    const key = chainKey(input);
    this.current.set(key, input);
    this.tally.sent++;
    this.tally.count(this.tally.byClass, input.className);
    const startMs = performance.now() - this.startedAt;
    let answered = false;
    try {
      answered = await this.send(input);
    } catch (error) {
      if (!this.crashed) this.findings.add('no-answer', `${input.className}: the input could not be sent: ${normalise(String(error))}`, input, String(error));
    } finally {
      this.tally.spans.push({ index: input.index, className: input.className, label: labelOf(input), startMs, endMs: performance.now() - this.startedAt, answered });
    }
  }

  /** Sends an input and checks what came back; true when the service answered it. */
  private async send(input: FuzzInput): Promise<boolean> {
    switch (input.channel) {
      case 'socket':
        return this.checkSocketOutcome(input, await this.targets.socketLanes.get(input.lane)!.send(input));
      case 'raw':
        return this.checkSocketOutcome(input, await this.targets.rawLanes.get(input.lane)!.send(input));
      case 'handshake':
        return this.sendHandshake(input);
      case 'http':
        return this.sendHttp(input);
      case 'workflow': {
        const outcome = await runSigningWorkflow(this.service.url, this.targets.workflowCookie, input, input.seed * 7919 + input.index);
        this.tally.count(this.tally.outcomes, `workflow ${outcome.issued === null ? `refused (${outcome.codes.join(',')})` : outcome.issued ? 'issued' : 'not issued'}`);
        for (const problem of outcome.problems) if (!this.crashed) this.findings.add('signing', problem, input);
        return true;
      }
    }
  }

  private checkSocketOutcome(input: (SocketInput | RawInput) & FuzzInput, outcome: SendOutcome): boolean {
    const label = labelOf(input);
    if (outcome.kind === 'answered') {
      const code = answerCode(outcome.answer);
      this.tally.count(this.tally.answers, code);
      this.tally.answered(input.className, outcome.ms);
      const problem = answerProblem(outcome.answer);
      if (problem) this.findings.add('bad-answer', `${label}: ${normalise(problem)}`, input, JSON.stringify(outcome.answer)?.slice(0, 500));
      if (code === 'INTERNAL') this.findings.add('internal-error', `${label} answered INTERNAL`, input);
      return true;
    }
    this.tally.count(this.tally.outcomes, `${input.channel} ${outcome.kind}${outcome.kind === 'closed' && outcome.expected ? ' (expected)' : ''}`);
    if (this.crashed) return false;
    if (outcome.kind === 'closed' && !outcome.expected) this.findings.add('no-answer', `${label}: the connection closed without an answer`, input);
    if (outcome.kind === 'timeout') this.findings.add('no-answer', `${label}: no answer within ${this.settings.ackTimeoutMs / 1000} s`, input);
    return false;
  }

  private async sendHandshake(input: HandshakeInput & FuzzInput): Promise<boolean> {
    const packet = await resolveRefsInText(input.connectPacket, async (name) => this.targets.placeholders.get(name) ?? name);
    const outcome = await probeHandshake(this.service.url, packet, this.settings.ackTimeoutMs);
    const variant = /ref:(token:[\w-]+)/.exec(input.connectPacket)?.[1] ?? 'junk auth';
    const room = /ref:(room:\w+)/.exec(input.connectPacket)?.[1] ?? 'no room';
    const refusedCode = outcome.kind === 'refused' ? ((outcome.error as { data?: { code?: string } } | null)?.data?.code ?? `without a code (namespace ${outcome.namespace})`) : null;
    this.tally.count(this.tally.handshakes, refusedCode ? `refused ${refusedCode}` : outcome.kind);
    if (this.crashed) return false;
    if (outcome.kind === 'accepted' && input.mustBeRefused) this.findings.add('handshake-accepted', `a handshake with ${variant} for ${room} was let in`, input);
    if (outcome.kind === 'timeout') this.findings.add('no-answer', `a handshake (${variant}, ${room}) got no answer`, input);
    if (outcome.kind === 'refused' && outcome.namespace === '/') {
      const { data } = (outcome.error ?? {}) as { data?: unknown };
      const problem = errorBodyProblem(data);
      if (problem) this.findings.add('bad-answer', `a refused handshake (${variant}): ${normalise(problem)}`, input, JSON.stringify(outcome.error)?.slice(0, 300));
    }
    return outcome.kind === 'accepted' || outcome.kind === 'refused';
  }

  private async sendHttp(input: HttpInput & FuzzInput): Promise<boolean> {
    const fill = (text: string) => text.replace(/\{\{([\w:-]+)\}\}/g, (whole, name: string) => this.targets.placeholders.get(name) ?? whole);
    const timeoutMs = 60_000;
    let outcome: HttpOutcome;
    if (input.raw) {
      outcome = await sendRawHttp(this.service.url, new Uint8Array(Buffer.from(fill(Buffer.from(input.raw).toString('latin1')), 'latin1')), timeoutMs);
    } else {
      const body = input.body && input.body.byteLength < 64 * 1024 ? new Uint8Array(Buffer.from(fill(Buffer.from(input.body).toString('utf8')), 'utf8')) : input.body;
      outcome = await sendHttp(this.service.url, { method: input.method, path: fill(input.path), headers: input.headers.map(([name, value]) => [name, fill(value)]), body }, timeoutMs);
    }
    const label = labelOf(input);
    if (outcome.kind !== 'answered') {
      this.tally.count(this.tally.outcomes, `http ${outcome.kind}`);
      if (outcome.kind === 'timeout' && !this.crashed) this.findings.add('no-answer', `${label}: no answer within ${timeoutMs / 1000} s`, input);
      return false;
    }
    this.tally.count(this.tally.httpStatuses, String(outcome.status));
    this.tally.answered(input.className, outcome.ms);
    if (outcome.status >= 500 && !this.crashed) this.findings.add('http-5xx', `${label} → ${outcome.status}`, input, outcome.body.slice(0, 500));
    const leak = label.includes('/metrics') ? null : leakIn(outcome.body);
    if (leak) this.findings.add('bad-answer', `${label} → ${outcome.status} shows internals (${leak})`, input, outcome.body.slice(0, 500));
    return true;
  }

  /** Pushes to fuzzing connections: refusals must carry a known code and no internals. */
  private checkPush(lane: string, event: string, payload: unknown): void {
    if (event !== ServerEvent.draftRefused && event !== ServerEvent.roomClosed) return;
    const input = this.current.get(lane.startsWith('raw ') ? `raw:${lane.slice(4)}` : `socket:${lane}`) ?? null;
    const error = event === ServerEvent.draftRefused ? (payload as { error?: unknown } | null)?.error : payload;
    this.tally.count(this.tally.answers, `${event} ${(error as { code?: string } | null)?.code ?? 'malformed'}`);
    const problem = errorBodyProblem(error);
    if (problem) this.findings.add('bad-answer', `${event}: ${normalise(problem)}`, input, JSON.stringify(payload)?.slice(0, 500));
    if ((error as { code?: string } | null)?.code === 'INTERNAL') this.findings.add('internal-error', `${event} carried INTERNAL`, input);
  }

  private async checkLiveSession(): Promise<{ problems: string[]; completionProblems: string[] }> {
    const live = this.targets.live!;
    const problems = await live.problems().catch((error: unknown) => [`checking the session failed: ${String(error)}`]);
    const completionProblems = this.crashed ? [] : await live.complete().catch((error: unknown) => [`completing the session failed: ${String(error)}`]);
    for (const problem of [...problems, ...completionProblems]) this.findings.add('live-session', problem, null);
    return { problems, completionProblems };
  }

  private reportCrash(): void {
    const exit = this.service.exit;
    if (!exit) return;
    const firstError = /^(\w*Error\b.*|.*Uncaught.*|.*FATAL.*)$/m.exec(exit.stderrTail)?.[1] ?? 'no error line on stderr';
    const candidates = this.crashCandidates().slice(0, 10).map((index) => this.generate(index));
    this.findings.add(
      'crash',
      `the service exited (code ${exit.code}, signal ${exit.signal}): ${firstError}`,
      candidates[0] ?? null,
      `inputs that may have done it, most likely first:\n${candidates.map((input) => reproductionOf(input)).join('\n')}\nstderr:\n${exit.stderrTail.split('\n').slice(-30).join('\n')}`,
    );
  }

  /**
   * The inputs that may have crashed the service: those sent shortly before it exited that
   * got no answer, earliest first (the one that crashed it was sent before the others went
   * unanswered), then those that were answered, latest first.
   */
  private crashCandidates(): number[] {
    if (this.service.exitedAt === null) return [];
    const exitMs = this.service.exitedAt - this.startedAt;
    const window = this.tally.spans.filter((span) => span.startMs <= exitMs && span.startMs >= exitMs - CRASH_WINDOW_MS);
    const unanswered = window.filter((span) => !span.answered).sort((a, b) => a.startMs - b.startMs);
    const answered = window.filter((span) => span.answered).sort((a, b) => b.startMs - a.startMs);
    return [...unanswered, ...answered].map((span) => span.index);
  }

  private reportStalls(failures: ProbeFailure[]): void {
    const exitedAt = this.service.exitedAt;
    for (const failure of failures) {
      // A probe that failed as the process died tells nothing more than the crash.
      if (exitedAt !== null && this.startedAt + failure.at + failure.latencyMs >= exitedAt - 1000) continue;
      // The prober started a moment before the fuzzing; its clock is close enough to attribute a stall.
      // What held the service is answered the moment it lets go, just as the probe is: of the
      // inputs that ended then, the one that started first is the first suspect.
      const stallEnd = failure.at + failure.latencyMs;
      const suspects = this.tally
        .during(failure.at, stallEnd)
        .filter((span) => Math.abs(span.endMs - stallEnd) < 500 && span.className !== 'workflow:signing')
        .sort((a, b) => a.startMs - b.startMs);
      const suspect = suspects[0];
      const described = suspects.slice(0, 6).map((span) => `#${span.index} ${span.label} (${Math.round(span.endMs - span.startMs)} ms)`);
      this.stalls.push({
        atMs: Math.round(failure.at),
        latencyMs: Math.round(failure.latencyMs),
        reason: failure.reason,
        suspects: described,
        suspectIndices: suspects.map((span) => span.index),
      });
      const input = suspect ? generateInput(this.settings.seed, suspect.index, this.targets.context, this.settings.skip) : null;
      const answered = failure.reason.startsWith('answered after');
      this.findings.add(
        'stall',
        answered ? `/healthz was answered after more than ${this.settings.probeBoundMs} ms` : `/healthz failed: ${normalise(failure.reason)}`,
        input,
        `${Math.round(failure.latencyMs)} ms; inputs answered as it ended, earliest started first: ${described.join('; ')}`,
      );
    }
  }

  private reportLoggedErrors(): void {
    for (const logged of this.service.loggedErrors.values()) {
      this.findings.add('internal-error', `the service logged: ${logged.message}`, null, logged.sample, logged.count);
    }
  }
}

/** Inputs of one connection go one after another; HTTP requests and handshakes a few at a time. */
function chainKey(input: FuzzInput): string {
  switch (input.channel) {
    case 'socket':
      return `socket:${input.lane}`;
    case 'raw':
      return `raw:${input.lane}`;
    case 'http':
      return `http:${input.index % HTTP_LANES}`;
    case 'handshake':
      return `handshake:${input.index % HANDSHAKE_LANES}`;
    case 'workflow':
      return 'workflow';
  }
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)} MB`;
}
