import { describeInput, type FuzzInput } from './fuzz-input.js';

/** Kinds of failure, most severe first. */
export const FINDING_KINDS = [
  /** The service process exited. */
  'crash',
  /** A /healthz probe was not answered within the bound: the event loop stalled. */
  'stall',
  /** A handshake with a token that is not valid for the room was let in. */
  'handshake-accepted',
  /** The live session beside the fuzzing lost text or a signature, or could not be completed. */
  'live-session',
  /** An HTTP answer with a 5xx status. */
  'http-5xx',
  /** An event that asks for an acknowledgement got none, or its connection was dropped instead. */
  'no-answer',
  /** An acknowledgement or refusal of the wrong shape, with an unknown code, or showing internals. */
  'bad-answer',
  /** The service's memory grew past the bound. */
  'memory',
  /** An issued agreement could not be produced from signatures the service accepted. */
  'signing',
  /** The service logged an unexpected error (a client got INTERNAL, or nobody heard of it). */
  'internal-error',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface Finding {
  kind: FindingKind;
  /** What went wrong, the same for every occurrence of the same failure. */
  summary: string;
  count: number;
  /** The first input that showed it (seed, index, class, what was sent). */
  reproduction: string | null;
  detail: string;
  /** When it was first seen (performance.now()). */
  firstSeenAt: number;
}

/** Failures of a run, one entry per distinct failure, counted. */
export class Findings {
  private readonly byKey = new Map<string, Finding>();

  /** Records `times` occurrences of a failure; the first one's input and detail are kept. */
  add(kind: FindingKind, summary: string, input: FuzzInput | null, detail = '', times = 1): void {
    const key = `${kind}\u0000${summary}`;
    const found = this.byKey.get(key);
    if (found) {
      found.count += times;
      return;
    }
    this.byKey.set(key, { kind, summary, count: times, reproduction: input ? reproductionOf(input) : null, detail: detail.slice(0, 3000), firstSeenAt: performance.now() });
  }

  /**
   * Drops what a crash or a stall explains: connections that closed, answers that did not
   * come, probes that failed, first seen between `from` and `to` (performance.now()).
   */
  dropEchoes(from: number, to: number, kinds: readonly FindingKind[]): void {
    for (const [key, finding] of this.byKey) {
      if (kinds.includes(finding.kind) && finding.firstSeenAt >= from && finding.firstSeenAt <= to) this.byKey.delete(key);
    }
  }

  /** Most severe first, then most frequent. */
  list(): Finding[] {
    return [...this.byKey.values()].sort((a, b) => FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind) || b.count - a.count);
  }

  has(kind: FindingKind): boolean {
    return this.list().some((finding) => finding.kind === kind);
  }

  ofKind(kind: FindingKind): Finding[] {
    return this.list().filter((finding) => finding.kind === kind);
  }
}

/** How to make an input again: the seed and index, and what it was. */
export function reproductionOf(input: FuzzInput): string {
  return `FUZZ_SEED=${input.seed} FUZZ_REPLAY=${input.index} (${input.className}): ${describeInput(input)}`;
}

export function formatFindings(findings: Finding[]): string {
  return findings
    .map((finding, i) => {
      const lines = [`${i + 1}. [${finding.kind}] ${finding.summary} (×${finding.count})`];
      if (finding.reproduction) lines.push(`   reproduce: ${finding.reproduction}`);
      if (finding.detail) lines.push(`   ${finding.detail.split('\n').slice(0, 12).join('\n   ')}`);
      return lines.join('\n');
    })
    .join('\n');
}
