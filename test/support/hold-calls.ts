/** One call held before it reached the real method. */
export interface HeldCall {
  args: unknown[];
  /** Lets the call through to the real method; settles as the real call does. */
  release(): Promise<unknown>;
}

/**
 * Wraps an object so that the next call of a chosen method waits at its start until the
 * test lets it through: a deterministic way to let a competing action run exactly while a
 * store write or a render is under way. Every other call passes straight through.
 */
export class CallHolds<T extends object> {
  readonly target: T;
  private readonly armed = new Map<PropertyKey, (call: HeldCall) => void>();

  constructor(real: T) {
    this.target = new Proxy(real, {
      get: (object, property, receiver) => {
        const value: unknown = Reflect.get(object, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const hold = this.armed.get(property);
          if (!hold) return (value as (...a: unknown[]) => unknown).apply(object, args);
          this.armed.delete(property);
          let open!: () => void;
          const gate = new Promise<void>((resolve) => (open = resolve));
          const result = gate.then(() => (value as (...a: unknown[]) => unknown).apply(object, args));
          hold({
            args,
            release: () => {
              open();
              return result;
            },
          });
          return result;
        };
      },
    });
  }

  /** Resolves with the next call of `method` once it is made; that call waits until released. */
  next(method: keyof T & string): Promise<HeldCall> {
    return new Promise((resolve) => this.armed.set(method, resolve));
  }
}
