import { Role } from '@mediation/shared';
import type { DraftingMember } from '../../server/src/drafting/drafting-member.js';

/** A connected member for tests of one module: named after its id, reached by nobody. */
export function fakeDraftingMember(participantId: string, role: Role = Role.mediator): DraftingMember {
  return {
    participantId,
    name: participantId,
    role,
    ip: '127.0.0.1',
    device: 'test',
    emit: () => undefined,
    connectionId: participantId,
    joinGroup: () => undefined,
    leaveGroup: () => undefined,
  };
}
