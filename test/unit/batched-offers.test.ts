import { describe, expect, it } from 'vitest';
import type { ConsumerInfo } from '@mediation/shared';
import { batchedOffers } from '../../server/src/realtime/batched-offers.js';

const consumer = (id: string) => ({ id }) as ConsumerInfo;
const dtlsParameters = { role: 'client' as const, fingerprints: [{ algorithm: 'sha-256', value: 'AA:BB' }] };

describe('batched consumer offers', () => {
  it('offers made in one turn go out as one push, and each offer learns which of its consumers were attached', async () => {
    const pushes: string[][] = [];
    const offer = batchedOffers(async (consumers) => {
      pushes.push(consumers.map((c) => c.id));
      return { consumerIds: consumers.map((c) => c.id).filter((id) => id !== 'b2'), dtlsParameters };
    });
    const [first, second] = await Promise.all([offer([consumer('a1'), consumer('a2')]), offer([consumer('b1'), consumer('b2')])]);
    expect(pushes).toEqual([['a1', 'a2', 'b1', 'b2']]);
    expect(first).toEqual({ consumerIds: ['a1', 'a2'], dtlsParameters });
    // The transport is connected once: only the first offer carries the DTLS parameters on.
    expect(second).toEqual({ consumerIds: ['b1'], dtlsParameters: undefined });
  });

  it('offers in later turns go out as pushes of their own', async () => {
    const pushes: string[][] = [];
    const offer = batchedOffers(async (consumers) => {
      pushes.push(consumers.map((c) => c.id));
      return { consumerIds: [] };
    });
    expect((await offer([consumer('x')])).consumerIds).toEqual([]);
    expect((await offer([consumer('y')])).consumerIds).toEqual([]);
    expect(pushes).toEqual([['x'], ['y']]);
  });
});
