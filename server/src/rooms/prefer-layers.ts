import { ErrorCode, ParticipantAction, type ClientPayloads } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';
import { authorizeParticipant } from '../policy/policy.js';
import { mediaCall } from './media-call.js';
import type { Participant } from './participant.js';

/**
 * A viewer asks for the simulcast layer of one camera that fits the tile showing it. It is a
 * ceiling, not a promise: mediasoup sends a lower layer while the viewer's bandwidth
 * estimate has no room for it, and goes back up on its own once there is.
 */
export async function preferLayers(participant: Participant, request: ClientPayloads['media:prefer-layers']): Promise<void> {
  authorizeParticipant(participant.identity.role, ParticipantAction.adjustReception);
  const consumer = participant.consumers.get(request.consumerId);
  if (!consumer) throw new AppError(ErrorCode.notFound, 'No such consumer of yours.');
  if (consumer.kind !== 'video') throw new AppError(ErrorCode.conflict, 'Only a picture has layers.');
  await mediaCall(() => consumer.setPreferredLayers({ spatialLayer: request.spatialLayer }));
}
