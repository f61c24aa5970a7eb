import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import {
  agreementHash,
  canonicalAgreement,
  canonicalJson,
  DraftDocument,
  ParticipantAction,
  ServerEvent,
  type AgreementVersionSummary,
} from '@mediation/shared';
import { authorizeParticipant } from '../policy/policy.js';
import { toVersionSummary } from './agreement-versions.js';
import { auditActor, type CaseDrafting } from './case-drafting.js';
import type { DraftingMember } from './drafting-member.js';

/** The mediator saves the agreement as it is now (every accepted change stored), under the case's next version number. */
export function saveAgreementVersion(drafting: CaseDrafting, member: DraftingMember, name: string): Promise<AgreementVersionSummary> {
  authorizeParticipant(member.role, ParticipantAction.saveVersion);
  return drafting.serially(() => saveVersion(drafting, member, name));
}

async function saveVersion(drafting: CaseDrafting, member: DraftingMember, name: string): Promise<AgreementVersionSummary> {
  const agreement = await drafting.loadDocument(DraftDocument.agreement);
  await agreement.settled();
  const canonical = canonicalAgreement(agreement.doc);
  const hash = agreementHash(canonical);
  const at = new Date().toISOString();
  const id = randomUUID();
  const record = await drafting.store.saveAgreementVersion(
    {
      id,
      caseId: drafting.caseId,
      name,
      hash,
      canonicalJson: canonicalJson(canonical),
      snapshot: Y.encodeStateAsUpdate(agreement.doc),
      savedBy: member.name,
      savedAt: at,
    },
    (number) => ({
      caseId: drafting.caseId,
      at,
      actor: auditActor(member),
      type: 'agreement.version-saved',
      data: { versionId: id, number, name, hash },
    }),
  );
  const summary = toVersionSummary(record);
  drafting.broadcast(ServerEvent.versionSaved, summary);
  return summary;
}
