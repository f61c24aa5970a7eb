import { ClientEvent, toBase64 } from '@mediation/shared';
import { getAgreementVersion, listAgreementVersions } from '../drafting/agreement-versions.js';
import { markClause } from '../drafting/mark-clause.js';
import { saveAgreementVersion } from '../drafting/save-agreement-version.js';
import { setPartyEditing } from '../drafting/set-party-editing.js';
import { startAgreementFromTemplate } from '../drafting/start-agreement-from-template.js';
import type { DocumentHandlerMap } from './handler-context.js';

type DraftingEvent =
  | typeof ClientEvent.draftSync
  | typeof ClientEvent.draftPush
  | typeof ClientEvent.draftAwareness
  | typeof ClientEvent.setPartyEditing
  | typeof ClientEvent.startAgreement
  | typeof ClientEvent.markClause
  | typeof ClientEvent.saveVersion
  | typeof ClientEvent.listVersions
  | typeof ClientEvent.getVersion;

export const draftingHandlers: Pick<DocumentHandlerMap, DraftingEvent> = {
  // A loaded document is had without waiting, so a change is applied in the turn it arrives,
  // before any message sent after it on the same connection.
  [ClientEvent.draftSync]: async ({ drafting, member }, { document, message }) => {
    const live = drafting.loadedDocument(member, document) ?? (await drafting.document(member, document));
    const replies = await live.receiveSync(member, message, drafting.editRefusal(member, document), drafting.readRefusal(member, document));
    return { replies: replies.map(toBase64) };
  },
  // Through the same steps as draft:sync, so a member's pushes and syncs are stored in the order sent.
  [ClientEvent.draftPush]: async ({ drafting, member }, { document, message }) => {
    const live = drafting.loadedDocument(member, document) ?? (await drafting.document(member, document));
    await live.receivePush(member, message, drafting.editRefusal(member, document));
    return {};
  },
  [ClientEvent.draftAwareness]: async ({ drafting, member }, { document, update }) => {
    (await drafting.document(member, document)).receiveAwareness(member, update, drafting.readRefusal(member, document));
    return {};
  },
  [ClientEvent.setPartyEditing]: async ({ drafting, member }, { allowed }) => {
    await setPartyEditing(drafting, member, allowed);
    return {};
  },
  [ClientEvent.startAgreement]: async ({ drafting, member }, request) => {
    await startAgreementFromTemplate(drafting, member, request);
    return {};
  },
  [ClientEvent.markClause]: ({ drafting, member }, request) => markClause(drafting, member, request),
  [ClientEvent.saveVersion]: ({ drafting, member }, { name }) => saveAgreementVersion(drafting, member, name),
  [ClientEvent.listVersions]: async ({ drafting }) => ({ versions: await listAgreementVersions(drafting) }),
  [ClientEvent.getVersion]: ({ drafting }, { versionId }) => getAgreementVersion(drafting, versionId),
};
