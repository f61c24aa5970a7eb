import { describe, expect, it } from 'vitest';
import { SerialQueue } from '@mediation/shared';

describe('SerialQueue', () => {
  it('runs tasks one after another in the order they were queued', async () => {
    const queue = new SerialQueue();
    const order: string[] = [];
    const slow = queue.push(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('slow');
    });
    const fast = queue.push(() => {
      order.push('fast');
    });
    await Promise.all([slow, fast]);
    expect(order).toEqual(['slow', 'fast']);
  });

  it('goes on with the next task after one fails, and reports the failure to its caller', async () => {
    const queue = new SerialQueue();
    const failing = queue.push(() => {
      throw new Error('boom');
    });
    const next = queue.push(() => 'ran');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });
});
