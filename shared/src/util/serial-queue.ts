/**
 * Runs tasks one after another in the order they were queued, each starting once the one
 * before has settled, whether it succeeded or not.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();

  push<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task);
    // The next task waits for this one whether it succeeded or not; the caller sees its failure.
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
