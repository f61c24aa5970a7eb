import type { ConsumerInfo } from '@mediation/shared';

type SendOffer = (consumers: ConsumerInfo[]) => Promise<string[]>;

/**
 * Gathers the consumers offered to one participant within one turn of the event loop into
 * a single push. Under load many consumers for the same person are created at once (each
 * answer from the media worker resolves one), and one message carries them all.
 */
export function batchedOffers(send: SendOffer): SendOffer {
  let pending: { consumers: ConsumerInfo[]; waiters: { ids: Set<string>; resolve: (ids: string[]) => void }[] } | null =
    null;

  const flush = async () => {
    const batch = pending!;
    pending = null;
    const attached = await send(batch.consumers);
    for (const waiter of batch.waiters) waiter.resolve(attached.filter((id) => waiter.ids.has(id)));
  };

  return (consumers) =>
    new Promise((resolve) => {
      if (!pending) {
        pending = { consumers: [], waiters: [] };
        setImmediate(flush);
      }
      pending.consumers.push(...consumers);
      pending.waiters.push({ ids: new Set(consumers.map((consumer) => consumer.id)), resolve });
    });
}
