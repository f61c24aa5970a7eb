import { z } from 'zod';

const participantId = z.string().min(1).max(64);

/**
 * Mediator: let a person share their screen (`allowed`), or withdraw it, which ends a share
 * of theirs at once. The mediator shares without being allowed.
 */
export const AllowScreenShareRequest = z.object({ participantId, allowed: z.boolean() }).strict();
