/** Counts of a run, by name. */
export type Counts = Record<string, number>;

/** When one input was being handled, relative to the start of the fuzzing. */
export interface InputSpan {
  index: number;
  className: string;
  label: string;
  startMs: number;
  endMs: number;
  /** The service answered it (an acknowledgement, a status, a handshake's verdict). */
  answered: boolean;
}

/** The figures a run collects as it goes: what was sent, how it was answered, when. */
export class FuzzTally {
  readonly byClass: Counts = {};
  /** Acknowledgements and draft:refused pushes by code (`ok` for accepted). */
  readonly answers: Counts = {};
  readonly httpStatuses: Counts = {};
  /** How inputs ended other than with an answer: closed, timeout, unsendable, by channel. */
  readonly outcomes: Counts = {};
  readonly handshakes: Counts = {};
  /** The slowest answer of each class, in ms. */
  readonly slowestMs: Counts = {};
  readonly spans: InputSpan[] = [];
  sent = 0;

  count(counts: Counts, key: string): void {
    counts[key] = (counts[key] ?? 0) + 1;
  }

  answered(className: string, ms: number): void {
    this.slowestMs[className] = Math.max(this.slowestMs[className] ?? 0, Math.round(ms));
  }

  /** The inputs that were being handled during [fromMs, toMs], longest first. */
  during(fromMs: number, toMs: number): InputSpan[] {
    return this.spans.filter((span) => span.startMs <= toMs && span.endMs >= fromMs).sort((a, b) => b.endMs - b.startMs - (a.endMs - a.startMs));
  }
}
