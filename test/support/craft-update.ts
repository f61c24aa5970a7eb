import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** One struct of a hand-made update: what no Yjs document would encode, to test what the server does with it. */
export interface CraftedItem {
  client: number;
  clock: number;
  origin?: Y.ID;
  rightOrigin?: Y.ID;
  /** A root type's name or a type's item id, where the item has neither origin nor right origin. */
  parent?: string | Y.ID;
  parentSub?: string;
  content: Y.Item['content'];
}

/**
 * Encodes items as a Yjs v1 update, each client's in the order given, with `deletions`
 * (client → [clock, length][]) as its delete set.
 */
export function craftUpdate(items: CraftedItem[], deletions: Map<number, [number, number][]> = new Map()): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  const byClient = new Map<number, CraftedItem[]>();
  for (const item of items) byClient.set(item.client, [...(byClient.get(item.client) ?? []), item]);
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, structs] of byClient) {
    encoding.writeVarUint(encoder.restEncoder, structs.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, structs[0]!.clock);
    for (const struct of structs) {
      const item = new Y.Item(
        Y.createID(client, struct.clock),
        null,
        struct.origin ?? null,
        null,
        struct.rightOrigin ?? null,
        (struct.parent ?? null) as Y.AbstractType<unknown> | Y.ID | null,
        struct.parentSub ?? null,
        struct.content,
      );
      item.write(encoder, 0);
    }
  }
  encoding.writeVarUint(encoder.restEncoder, deletions.size);
  for (const [client, ranges] of deletions) {
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const [clock, length] of ranges) {
      encoding.writeVarUint(encoder.restEncoder, clock);
      encoding.writeVarUint(encoder.restEncoder, length);
    }
  }
  return encoder.toUint8Array();
}
