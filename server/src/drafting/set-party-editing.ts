import { ServerEvent } from '@mediation/shared';
import { auditActor, type CaseDrafting } from './case-drafting.js';
import type { DraftingMember } from './drafting-member.js';
import { requireMediator } from './require-role.js';

/** The mediator's switch: parties may (or may no longer) edit the shared documents. */
export async function setPartyEditing(drafting: CaseDrafting, member: DraftingMember, allowed: boolean): Promise<void> {
  requireMediator(member, 'change who may edit');
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
}
