import {
  agreementParts,
  isAgreementEmpty,
  readClauses,
  readHeader,
  type AgreementClause,
  type AgreementHeader,
  type AgreementLanguage,
  type AgreementParty,
} from '@mediation/shared';
import type * as Y from 'yjs';

/** A party as the agreement shows it, with the Y.Map its details are written into. */
export interface AgreementPartyEntry {
  party: AgreementParty;
  map: Y.Map<string>;
}

/** What the agreement tab renders, read afresh from the Y.Doc after each change. */
export interface AgreementView {
  empty: boolean;
  header: Partial<AgreementHeader>;
  language: AgreementLanguage;
  parties: AgreementPartyEntry[];
  clauses: AgreementClause[];
}

export function readAgreementView(doc: Y.Doc): AgreementView {
  const header = readHeader(doc);
  return {
    empty: isAgreementEmpty(doc),
    header,
    language: header.language ?? 'zh-CN',
    parties: agreementParts(doc).parties.map((map) => ({
      map,
      party: {
        participantId: map.get('participantId') ?? '',
        name: map.get('name') ?? '',
        role: (map.get('role') ?? 'applicant') as AgreementParty['role'],
        details: map.get('details') ?? '',
      },
    })),
    clauses: readClauses(doc),
  };
}

/** What follows a label on the agreement: a full-width colon in Chinese. */
export function labelSeparator(language: AgreementLanguage): string {
  return language === 'zh-CN' ? '：' : ': ';
}
