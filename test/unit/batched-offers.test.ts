import { describe, expect, it } from 'vitest';
import type { ConsumerInfo } from '@mediation/shared';
import { batchedOffers } from '../../server/src/realtime/batched-offers.js';

const consumer = (id: string) => ({ id }) as ConsumerInfo;

describe('batched consumer offers', () => {
  it('offers made in one turn go out as one push, and each offer learns which of its consumers were attached', async () => {
    const pushes: string[][] = [];
    const offer = batchedOffers(async (consumers) => {
      pushes.push(consumers.map((c) => c.id));
      return consumers.map((c) => c.id).filter((id) => id !== 'b2');
    });
    const [first, second] = await Promise.all([offer([consumer('a1'), consumer('a2')]), offer([consumer('b1'), consumer('b2')])]);
    expect(pushes).toEqual([['a1', 'a2', 'b1', 'b2']]);
    expect(first).toEqual(['a1', 'a2']);
    expect(second).toEqual(['b1']);
  });

  it('offers in later turns go out as pushes of their own', async () => {
    const pushes: string[][] = [];
    const offer = batchedOffers(async (consumers) => {
      pushes.push(consumers.map((c) => c.id));
      return [];
    });
    expect(await offer([consumer('x')])).toEqual([]);
    expect(await offer([consumer('y')])).toEqual([]);
    expect(pushes).toEqual([['x'], ['y']]);
  });
});
