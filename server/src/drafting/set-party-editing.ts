import { ParticipantAction, ServerEvent } from '@mediation/shared';
import { authorizeParticipant } from '../policy/policy.js';
import { auditActor, type CaseDrafting } from './case-drafting.js';
import type { DraftingMember } from './drafting-member.js';

/** The mediator's switch: parties may (or may no longer) edit the shared documents. */
export function setPartyEditing(drafting: CaseDrafting, member: DraftingMember, allowed: boolean): Promise<void> {
  authorizeParticipant(member.role, ParticipantAction.setPartyEditing);
  return drafting.serially(async () => {
    if (drafting.partiesMayEdit === allowed) return;
    await drafting.store.setPartiesMayEdit(drafting.caseId, allowed, {
      caseId: drafting.caseId,
      at: new Date().toISOString(),
      actor: auditActor(member),
      type: 'drafting.party-editing-changed',
      data: { allowed },
    });
    drafting.partiesMayEdit = allowed;
    drafting.broadcast(ServerEvent.draftingState, await drafting.state());
  });
}
