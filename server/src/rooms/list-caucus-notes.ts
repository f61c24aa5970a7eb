import { caucusNotesDocument, ParticipantAction, type CaucusNotesSummary } from '@mediation/shared';
import type { CaseDrafting } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';
import { authorizeParticipant } from '../policy/policy.js';

/** The mediator's list of the case's caucuses, open and closed, each with its notes document. */
export function listCaucusNotes(drafting: CaseDrafting, member: DraftingMember): CaucusNotesSummary[] {
  authorizeParticipant(member.role, ParticipantAction.runCaucus);
  return drafting.caucuses.list().map(({ id, name, openedAt, closedAt }) => ({
    caucusId: id,
    name,
    document: caucusNotesDocument(id),
    openedAt,
    closedAt,
  }));
}
