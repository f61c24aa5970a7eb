import type { ConsumerInfo, ConsumersAttached } from '@mediation/shared';

type SendOffer = (consumers: ConsumerInfo[]) => Promise<ConsumersAttached>;

/**
 * Gathers the consumers offered to one participant within one turn of the event loop into
 * a single push. Under load many consumers for the same person are created at once (each
 * answer from the media worker resolves one), and one message carries them all. Each offer
 * learns which of its own consumers were attached; DTLS parameters riding on the answer go
 * to the first offer only, since a transport is connected once.
 */
export function batchedOffers(send: SendOffer): SendOffer {
  let pending: { consumers: ConsumerInfo[]; waiters: { ids: Set<string>; resolve: (a: ConsumersAttached) => void }[] } | null =
    null;

  const flush = async () => {
    const batch = pending!;
    pending = null;
    const answer = await send(batch.consumers);
    batch.waiters.forEach((waiter, index) =>
      waiter.resolve({
        consumerIds: answer.consumerIds.filter((id) => waiter.ids.has(id)),
        dtlsParameters: index === 0 ? answer.dtlsParameters : undefined,
      }),
    );
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
