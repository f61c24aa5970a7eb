import { DraftDocumentName, type Ack, type DraftRefusedPush } from '@mediation/shared';

/**
 * The reply to a `draft:push`, which has no acknowledgement: nothing when it was taken; a
 * `draft:refused` push naming the document (when the payload named a valid one) otherwise.
 */
export function draftRefusalReply(payload: unknown, push: (refused: DraftRefusedPush) => void): (response: Ack<unknown>) => void {
  return (response) => {
    if (response.ok) return;
    const named = DraftDocumentName.safeParse((payload as { document?: unknown } | null)?.document);
    push({ document: named.success ? named.data : null, error: response.error });
  };
}
