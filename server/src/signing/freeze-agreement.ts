import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import {
  agreementHash,
  canonicalAgreement,
  canonicalJson,
  DraftDocument,
  ErrorCode,
  ParticipantAction,
  ServerEvent,
  type FreezeChecklist,
  type FrozenAgreement,
} from '@mediation/shared';
import { toVersionSummary } from '../drafting/agreement-versions.js';
import { auditActor, type CaseDrafting } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';
import { AppError } from '../errors/app-error.js';
import { authorizeParticipant } from '../policy/policy.js';
import { freezeChecklist } from './freeze-checklist.js';
import { signingState } from './signing-state.js';

/**
 * The mediator freezes the agreement for signing: it is saved as the next version, with the
 * SHA-256 of its canonical form, and nobody can edit it until it is unfrozen.
 *
 * Edits are refused from the moment the freeze begins, and the text is read only once
 * every edit accepted before is stored: the frozen version is exactly the text everyone's
 * copy converges to, with nothing accepted in between.
 */
export function freezeAgreement(drafting: CaseDrafting, member: DraftingMember, request: { overrideReason?: string | undefined } = {}): Promise<FrozenAgreement> {
  authorizeParticipant(member.role, ParticipantAction.freeze);
  return drafting.serially(async () => {
    const refusal = drafting.agreementChangeRefusal();
    if (refusal) throw refusal;
    drafting.freezing = true;
    try {
      await freeze(drafting, member, request.overrideReason ?? null);
    } finally {
      drafting.freezing = false;
    }
    const frozen = drafting.frozen!;
    // The version frozen is a saved version like the others: everyone's list shows it.
    const version = await drafting.store.findAgreementVersion(drafting.caseId, frozen.versionId);
    if (version) drafting.broadcast(ServerEvent.versionSaved, toVersionSummary(version));
    drafting.broadcast(ServerEvent.signingState, await signingState(drafting));
    return { version: frozen.versionNumber, agreementHash: frozen.agreementHash, frozenAt: frozen.frozenAt };
  });
}

/**
 * What should be settled before freezing (freeze-checklist.ts), read from the agreement as
 * it would be frozen: every change accepted so far stored.
 */
export function checkBeforeFreeze(drafting: CaseDrafting, member: DraftingMember): Promise<FreezeChecklist> {
  authorizeParticipant(member.role, ParticipantAction.freeze);
  return drafting.serially(async () => {
    const agreement = await drafting.loadDocument(DraftDocument.agreement);
    await agreement.settled();
    return { items: await freezeChecklist(drafting, agreement.doc) };
  });
}

async function freeze(drafting: CaseDrafting, member: DraftingMember, overrideReason: string | null): Promise<void> {
  const agreement = await drafting.loadDocument(DraftDocument.agreement);
  await agreement.settled();
  const canonical = canonicalAgreement(agreement.doc);
  if (canonical.clauses.length === 0) throw new AppError(ErrorCode.conflict, 'The agreement has no clauses to sign.');
  // Open items are frozen only knowingly: with a reason on record for everyone to read.
  const openItems = await freezeChecklist(drafting, agreement.doc);
  if (openItems.length > 0 && !overrideReason) {
    throw new AppError(ErrorCode.checklistOpen, `${openItems.length} item(s) of the checklist are open: settle them, or give a reason to freeze anyway.`);
  }
  const hash = agreementHash(canonical);
  const at = new Date().toISOString();

  const frozen = await drafting.store.freezeAgreement(
    {
      id: randomUUID(),
      caseId: drafting.caseId,
      name: '签署版本 / Version for signing',
      hash,
      canonicalJson: canonicalJson(canonical),
      snapshot: Y.encodeStateAsUpdate(agreement.doc),
      savedBy: member.name,
      savedAt: at,
    },
    { id: randomUUID(), caseId: drafting.caseId, agreementHash: hash, frozenAt: at, frozenBy: member.name },
    (version) => ({
      caseId: drafting.caseId,
      at,
      actor: auditActor(member),
      type: 'agreement.frozen',
      data: { version, agreementHash: hash, openItems, overrideReason: openItems.length > 0 ? overrideReason : null },
    }),
  );
  if (!frozen) throw new AppError(ErrorCode.agreementFrozen, 'The agreement is already frozen for signing.');
  drafting.frozen = frozen;
}
