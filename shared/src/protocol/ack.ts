import type { ErrorBody } from './error-codes.js';

/** What every client-to-server event answers through its acknowledgement callback. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export type AckCallback<T> = (response: Ack<T>) => void;
