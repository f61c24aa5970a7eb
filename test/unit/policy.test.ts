import { describe, expect, it } from 'vitest';
import { DraftDocument, ErrorCode, ParticipantAction, ROLES, Role, type ParticipantAction as Action } from '@mediation/shared';
import {
  authorizeAgreementDownload,
  authorizeCaseManagement,
  authorizeCaseRecords,
  authorizeParticipant,
  authorizeRead,
  committeeOf,
  editRefusal,
  type Principal,
} from '../../server/src/policy/policy.js';
import type { CaseWithSession } from '../../server/src/store/records.js';

const PARTIES = [Role.applicant, Role.respondent];

/** The roles allowed an action: every role is asked. */
function allowed(action: Action): Role[] {
  return ROLES.filter((role) => {
    const code = codeOf(() => authorizeParticipant(role, action));
    if (code !== null) expect(code).toBe(ErrorCode.forbidden);
    return code === null;
  });
}

/** The code of the error `check` throws, or null when it allows. */
function codeOf(check: () => unknown): string | null {
  try {
    check();
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? 'not an AppError';
  }
}

const caseA = { id: 'case-a', committeeId: 'committee-1' } as CaseWithSession;
const participantOf = (caseId: string, role: Role = Role.applicant): Principal => ({ kind: 'participant', participantId: 'p', caseId, role, name: 'P' });
const accountOf = (committeeId: string): Principal => ({ kind: 'account', accountId: 'a', committeeId, name: 'A' });

describe('the permission policy', () => {
  it('lets everyone but observers send media', () => {
    expect(allowed(ParticipantAction.sendMedia)).toEqual(ROLES.filter((r) => r !== Role.observer));
  });

  it('lets only the mediator change who may edit', () => {
    expect(allowed(ParticipantAction.setPartyEditing)).toEqual([Role.mediator]);
  });

  it('lets only the mediator start the agreement from a template', () => {
    expect(allowed(ParticipantAction.startAgreement)).toEqual([Role.mediator]);
  });

  it('lets only the mediator save versions', () => {
    expect(allowed(ParticipantAction.saveVersion)).toEqual([Role.mediator]);
  });

  it('lets only the parties mark clauses', () => {
    expect(allowed(ParticipantAction.markClause)).toEqual(PARTIES);
  });

  it('lets only the mediator freeze and unfreeze the agreement', () => {
    expect(allowed(ParticipantAction.freeze)).toEqual([Role.mediator]);
    expect(allowed(ParticipantAction.unfreeze)).toEqual([Role.mediator]);
  });

  it('lets everyone, observers included, choose what they receive (layers, audio only)', () => {
    expect(allowed(ParticipantAction.adjustReception)).toEqual(ROLES);
  });

  it('lets only the mediator attest identities', () => {
    expect(allowed(ParticipantAction.attestIdentity)).toEqual([Role.mediator]);
  });

  it('lets the parties and the mediator consent and sign, nobody else', () => {
    expect(allowed(ParticipantAction.consent)).toEqual([Role.mediator, ...PARTIES]);
    expect(allowed(ParticipantAction.sign)).toEqual([Role.mediator, ...PARTIES]);
  });

  it('keeps the private notes to the mediator, and lets everyone read the shared documents', () => {
    for (const role of ROLES) {
      expect(codeOf(() => authorizeRead(role, DraftDocument.privateNotes))).toBe(role === Role.mediator ? null : ErrorCode.forbidden);
      expect(codeOf(() => authorizeRead(role, DraftDocument.notes))).toBeNull();
      expect(codeOf(() => authorizeRead(role, DraftDocument.agreement))).toBeNull();
    }
  });

  it('lets the mediator edit every document whatever the switch says', () => {
    for (const document of Object.values(DraftDocument)) expect(editRefusal(Role.mediator, document, false)).toBeNull();
  });

  it('lets parties and representatives edit the shared documents only while the mediator allows it', () => {
    for (const role of [...PARTIES, Role.representative]) {
      for (const document of [DraftDocument.notes, DraftDocument.agreement]) {
        expect(editRefusal(role, document, true)).toBeNull();
        expect(editRefusal(role, document, false)).toMatchObject({ code: ErrorCode.forbidden });
      }
      expect(editRefusal(role, DraftDocument.privateNotes, true)).toMatchObject({ code: ErrorCode.forbidden });
    }
  });

  it('never lets interpreters or observers edit', () => {
    for (const role of [Role.interpreter, Role.observer]) {
      for (const document of Object.values(DraftDocument)) expect(editRefusal(role, document, true)).toMatchObject({ code: ErrorCode.forbidden });
    }
  });

  it('shows a case’s records to its own participants and its committee’s accounts, and to nobody else as if it did not exist', () => {
    expect(codeOf(() => authorizeCaseRecords(participantOf('case-a'), caseA))).toBeNull();
    expect(codeOf(() => authorizeCaseRecords(accountOf('committee-1'), caseA))).toBeNull();
    expect(codeOf(() => authorizeCaseRecords(participantOf('case-b'), caseA))).toBe(ErrorCode.notFound);
    expect(codeOf(() => authorizeCaseRecords(accountOf('committee-2'), caseA))).toBe(ErrorCode.notFound);
  });

  it('gives the signed agreement to the case’s participants but observers, and to its committee’s accounts', () => {
    for (const role of ROLES) {
      expect(codeOf(() => authorizeAgreementDownload(participantOf('case-a', role), caseA))).toBe(role === Role.observer ? ErrorCode.forbidden : null);
    }
    expect(codeOf(() => authorizeAgreementDownload(accountOf('committee-1'), caseA))).toBeNull();
    expect(codeOf(() => authorizeAgreementDownload(participantOf('case-b'), caseA))).toBe(ErrorCode.notFound);
    expect(codeOf(() => authorizeAgreementDownload(accountOf('committee-2'), caseA))).toBe(ErrorCode.notFound);
  });

  it('lets only an account of the case’s committee run the case (links, record check)', () => {
    expect(codeOf(() => authorizeCaseManagement(accountOf('committee-1'), caseA))).toBeNull();
    expect(codeOf(() => authorizeCaseManagement(accountOf('committee-2'), caseA))).toBe(ErrorCode.notFound);
    expect(codeOf(() => authorizeCaseManagement(participantOf('case-a'), caseA))).toBe(ErrorCode.notFound);
  });

  it('lists and creates cases only in the account’s own committee, never for a join link', () => {
    expect(committeeOf(accountOf('committee-2'))).toBe('committee-2');
    expect(codeOf(() => committeeOf(participantOf('case-a')))).toBe(ErrorCode.unauthenticated);
  });
});
