import { describe, expect, it } from 'vitest';
import { CASE_DOCUMENTS, caucusNotesDocument, DraftDocument, ErrorCode, ParticipantAction, ROLES, Role, type ParticipantAction as Action } from '@mediation/shared';
import {
  authorizeAgreementDownload,
  authorizeArchiveCase,
  authorizeCaseManagement,
  authorizeCaseFiling,
  authorizeCaseRecords,
  authorizeDeskCase,
  authorizeNamedMediator,
  authorizeParticipant,
  authorizeRead,
  authorizeScreenShare,
  authorizeScreenSharePermit,
  authorizeScreenTakeover,
  committeeOf,
  editRefusal,
  platformRegionOf,
  readRefusal,
  type CaucusMembership,
  type Principal,
} from '../../server/src/policy/policy.js';
import {
  authorizeAccountManagement,
  authorizeAccountStatusChange,
  authorizeApiKeyManagement,
  authorizeCommitteeCreation,
  authorizeOrganisationRead,
  authorizeRegionCreation,
  authorizeRegionRead,
  authorizeStatistics,
} from '../../server/src/policy/policy.js';
import type { AccountRecord, CaseWithSession, CommitteeRecord, RegionRecord } from '../../server/src/store/records.js';

const PARTIES = [Role.applicant, Role.respondent];

/** Someone of the case in a role; for the caucus rules, whether they are one of the caucus's members. */
const user = (role: Role, participantId = `the-${role}`) => ({ participantId, role });
const noCaucus = () => undefined;
const OPEN_ID = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
const CLOSED_ID = '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b';
const OTHER_CASE_ID = '9c5b94b1-35ad-49bb-b118-8e8fc24abf80';
/** One open caucus with the applicant, its interpreter and observer; one closed with the respondent. */
const CAUCUSES: Record<string, CaucusMembership> = {
  [OPEN_ID]: { memberIds: ['the-applicant', 'the-interpreter', 'the-observer', 'the-mediator'], open: true },
  [CLOSED_ID]: { memberIds: ['the-respondent', 'the-mediator'], open: false },
};
const findCaucus = (caucusId: string) => CAUCUSES[caucusId];
const OPEN_NOTES = caucusNotesDocument(OPEN_ID);
const CLOSED_NOTES = caucusNotesDocument(CLOSED_ID);

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
const accountOf = (committeeId: string): Principal => ({ kind: 'account', accountId: 'a', role: 'mediator', committeeId, regionPath: '/p/', name: 'A' });

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

  it('lets the mediator share a screen without leave, others who send media only with it, and observers never', () => {
    for (const role of ROLES) {
      const expected = role === Role.mediator ? null : role === Role.observer ? ErrorCode.forbidden : ErrorCode.screenShareNotAllowed;
      expect(codeOf(() => authorizeScreenShare(role, false))).toBe(expected);
      expect(codeOf(() => authorizeScreenShare(role, true))).toBe(role === Role.observer ? ErrorCode.forbidden : null);
    }
  });

  it('lets the mediator take the screen over from anyone else, and nobody take it from the mediator or from each other', () => {
    for (const role of ROLES) {
      for (const sharer of ROLES) {
        const expected = role === Role.mediator && sharer !== Role.mediator ? null : ErrorCode.screenShareBusy;
        expect(codeOf(() => authorizeScreenTakeover(role, { role: sharer }))).toBe(expected);
      }
    }
  });

  it('lets only the mediator allow screen sharing, and only to those who send media and need the leave', () => {
    expect(allowed(ParticipantAction.allowScreenShare)).toEqual([Role.mediator]);
    for (const target of ROLES) {
      const needsLeave = target !== Role.mediator && target !== Role.observer;
      expect(codeOf(() => authorizeScreenSharePermit(Role.mediator, { role: target }))).toBe(needsLeave ? null : ErrorCode.forbidden);
      expect(codeOf(() => authorizeScreenSharePermit(Role.applicant, { role: target }))).toBe(ErrorCode.forbidden);
    }
  });

  it('keeps the private notes to the mediator, and lets everyone read the shared documents', () => {
    for (const role of ROLES) {
      expect(codeOf(() => authorizeRead(user(role), DraftDocument.privateNotes, noCaucus))).toBe(role === Role.mediator ? null : ErrorCode.forbidden);
      expect(codeOf(() => authorizeRead(user(role), DraftDocument.notes, noCaucus))).toBeNull();
      expect(codeOf(() => authorizeRead(user(role), DraftDocument.agreement, noCaucus))).toBeNull();
    }
  });

  it('lets the mediator edit every document of the case whatever the switch says', () => {
    for (const document of CASE_DOCUMENTS) expect(editRefusal(user(Role.mediator), document, false, noCaucus)).toBeNull();
  });

  it('lets parties and representatives edit the shared documents only while the mediator allows it', () => {
    for (const role of [...PARTIES, Role.representative]) {
      for (const document of [DraftDocument.notes, DraftDocument.agreement]) {
        expect(editRefusal(user(role), document, true, noCaucus)).toBeNull();
        expect(editRefusal(user(role), document, false, noCaucus)).toMatchObject({ code: ErrorCode.forbidden });
      }
      expect(editRefusal(user(role), DraftDocument.privateNotes, true, noCaucus)).toMatchObject({ code: ErrorCode.forbidden });
    }
  });

  it('never lets interpreters or observers edit', () => {
    for (const role of [Role.interpreter, Role.observer]) {
      for (const document of [...CASE_DOCUMENTS, OPEN_NOTES]) {
        expect(editRefusal(user(role), document, true, findCaucus)).toMatchObject({ code: ErrorCode.forbidden });
      }
    }
  });

  it('lets the mediator and the members of an open caucus read its notes, and nobody else', () => {
    for (const role of ROLES) {
      const member = role === Role.mediator || CAUCUSES[OPEN_ID]!.memberIds.includes(`the-${role}`);
      expect(readRefusal(user(role), OPEN_NOTES, findCaucus)?.code ?? null).toBe(member ? null : ErrorCode.forbidden);
    }
    // The same role as a member, but another person: not theirs.
    expect(readRefusal(user(Role.applicant, 'another-applicant'), OPEN_NOTES, findCaucus)).toMatchObject({ code: ErrorCode.forbidden });
  });

  it('lets the mediator and the parties and representatives among its members edit an open caucus’s notes, whatever the switch says', () => {
    expect(editRefusal(user(Role.mediator), OPEN_NOTES, false, findCaucus)).toBeNull();
    expect(editRefusal(user(Role.applicant), OPEN_NOTES, false, findCaucus)).toBeNull();
    expect(editRefusal(user(Role.respondent), OPEN_NOTES, true, findCaucus)).toMatchObject({ code: ErrorCode.forbidden });
    expect(editRefusal(user(Role.representative), OPEN_NOTES, true, findCaucus)).toMatchObject({ code: ErrorCode.forbidden });
  });

  it('keeps a closed caucus’s notes for the mediator to read, and lets nobody change them', () => {
    expect(readRefusal(user(Role.mediator), CLOSED_NOTES, findCaucus)).toBeNull();
    expect(readRefusal(user(Role.respondent), CLOSED_NOTES, findCaucus)).toMatchObject({ code: ErrorCode.forbidden });
    for (const role of [Role.mediator, Role.respondent]) {
      expect(editRefusal(user(role), CLOSED_NOTES, true, findCaucus)).toMatchObject({ code: ErrorCode.forbidden });
    }
  });

  it('answers NOT_FOUND, to the mediator too, for the notes of a caucus the case does not have (none, or another case’s)', () => {
    for (const role of ROLES) {
      const notes = caucusNotesDocument(OTHER_CASE_ID);
      expect(readRefusal(user(role), notes, findCaucus)).toMatchObject({ code: ErrorCode.notFound });
      expect(editRefusal(user(role), notes, true, findCaucus)).toMatchObject({ code: ErrorCode.notFound });
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

  it('puts a case on the desk of its committee’s mediators only: staff and administrators have none, another committee’s mediator finds no such case', () => {
    const staffOf = (committeeId: string): Principal => ({ kind: 'account', accountId: 's', role: 'staff', committeeId, regionPath: '/p/', name: 'S' });
    const administrator: Principal = { kind: 'account', accountId: 'r', role: 'administrator', committeeId: null, regionPath: '/p/', name: 'R' };
    const apiKey: Principal = { kind: 'api-key', keyId: 'k', name: 'K', regionId: 'p', regionPath: '/p/' };
    expect(codeOf(() => authorizeDeskCase(accountOf('committee-1'), caseA))).toBeNull();
    expect(codeOf(() => authorizeDeskCase(accountOf('committee-2'), caseA))).toBe(ErrorCode.notFound);
    expect(codeOf(() => authorizeDeskCase(staffOf('committee-1'), caseA))).toBe(ErrorCode.forbidden);
    expect(codeOf(() => authorizeDeskCase(administrator, caseA))).toBe(ErrorCode.forbidden);
    expect(codeOf(() => authorizeDeskCase(participantOf('case-a'), caseA))).toBe(ErrorCode.unauthenticated);
    expect(codeOf(() => authorizeDeskCase(apiKey, caseA))).toBe(ErrorCode.unauthenticated);
  });
});

describe('the administration of the organisation', () => {
  const region = (path: string): RegionRecord => ({ id: path.split('/').at(-2)!, parentId: null, level: 'county', name: path, code: '', path, createdAt: '' });
  const committeeAt = (regionPath: string): CommitteeRecord => ({ id: `committee-of-${regionPath}`, name: 'C', kind: 'labour', regionId: 'r', regionPath, createdAt: '' });
  const administratorOf = (regionPath: string, accountId = 'admin'): Principal => ({ kind: 'account', accountId, role: 'administrator', committeeId: null, regionPath, name: 'A' });
  const staffOf = (committeeId: string): Principal => ({ kind: 'account', accountId: 's', role: 'staff', committeeId, regionPath: '/p/c/k/', name: 'S' });
  const key: Principal = { kind: 'api-key', keyId: 'k', name: 'K', regionId: 'p', regionPath: '/p/' };
  const COUNTY = '/p/c/k/';
  const countyAdmin = administratorOf(COUNTY);
  /** Every rule of the administration, asked about a place by path. */
  const RULES: [string, (principal: Principal, path: string) => unknown][] = [
    ['reading a region', (principal, path) => authorizeRegionRead(principal, region(path))],
    ['adding a region', (principal, path) => authorizeRegionCreation(principal, region(path))],
    ['adding a committee', (principal, path) => authorizeCommitteeCreation(principal, region(path))],
    ['managing API keys', (principal, path) => authorizeApiKeyManagement(principal, region(path))],
    ['managing a committee’s accounts', (principal, path) => authorizeAccountManagement(principal, { kind: 'committee', committee: committeeAt(path) })],
  ];

  it('reads the organisation only for administrators: their region’s path; staff and mediators FORBIDDEN; anyone else must sign in', () => {
    expect(authorizeOrganisationRead(countyAdmin)).toBe(COUNTY);
    expect(codeOf(() => authorizeOrganisationRead(staffOf('committee-1')))).toBe(ErrorCode.forbidden);
    expect(codeOf(() => authorizeOrganisationRead(accountOf('committee-1')))).toBe(ErrorCode.forbidden);
    expect(codeOf(() => authorizeOrganisationRead(key))).toBe(ErrorCode.unauthenticated);
    expect(codeOf(() => authorizeOrganisationRead(participantOf('case-a')))).toBe(ErrorCode.unauthenticated);
  });

  it.each(RULES)('%s: allowed in and below the administrator’s region, NOT_FOUND beside or above it', (_, rule) => {
    expect(codeOf(() => rule(countyAdmin, COUNTY))).toBeNull();
    expect(codeOf(() => rule(countyAdmin, '/p/c/k/t/'))).toBeNull();
    expect(codeOf(() => rule(countyAdmin, '/p/c/other/'))).toBe(ErrorCode.notFound);
    expect(codeOf(() => rule(countyAdmin, '/p/c/'))).toBe(ErrorCode.notFound);
    expect(codeOf(() => rule(countyAdmin, '/p/'))).toBe(ErrorCode.notFound);
  });

  it.each(RULES)('%s: FORBIDDEN to staff and mediators even in their own committee’s region', (_, rule) => {
    expect(codeOf(() => rule(staffOf('committee-1'), COUNTY))).toBe(ErrorCode.forbidden);
    expect(codeOf(() => rule(accountOf('committee-1'), '/p/'))).toBe(ErrorCode.forbidden);
  });

  it('lets an administrator make administrators of regions strictly below theirs, never of their own region', () => {
    const place = (path: string) => ({ kind: 'region' as const, region: region(path) });
    expect(codeOf(() => authorizeAccountManagement(countyAdmin, place('/p/c/k/t/')))).toBeNull();
    expect(codeOf(() => authorizeAccountManagement(countyAdmin, place(COUNTY)))).toBe(ErrorCode.forbidden);
    expect(codeOf(() => authorizeAccountManagement(countyAdmin, place('/p/c/')))).toBe(ErrorCode.notFound);
    expect(codeOf(() => authorizeAccountManagement(countyAdmin, place('/p/c/other/')))).toBe(ErrorCode.notFound);
  });

  it('lets an administrator disable or enable the accounts they manage, but never their own', () => {
    const inCounty = { kind: 'committee' as const, committee: committeeAt(COUNTY) };
    expect(codeOf(() => authorizeAccountStatusChange(countyAdmin, { id: 'someone' }, inCounty))).toBeNull();
    expect(codeOf(() => authorizeAccountStatusChange(countyAdmin, { id: 'someone' }, { kind: 'committee', committee: committeeAt('/p/x/') }))).toBe(ErrorCode.notFound);
    const provinceAdmin = administratorOf('/p/', 'province-admin');
    expect(codeOf(() => authorizeAccountStatusChange(provinceAdmin, { id: 'admin' }, { kind: 'region', region: region(COUNTY) }))).toBeNull();
    expect(codeOf(() => authorizeAccountStatusChange(provinceAdmin, { id: 'province-admin' }, { kind: 'region', region: region('/p/') }))).toBe(ErrorCode.forbidden);
    expect(codeOf(() => authorizeAccountStatusChange(staffOf('committee-1'), { id: 'someone' }, inCounty))).toBe(ErrorCode.forbidden);
  });
});

describe('the platform API’s rules', () => {
  const county = '/province/city/county-a/';
  const keyOf = (regionPath: string): Principal => ({ kind: 'api-key', keyId: 'k', name: 'Platform', regionId: 'r', regionPath });
  const committee = { id: 'committee-1', regionPath: county } as CommitteeRecord;
  const person = (fields: Partial<AccountRecord>) =>
    ({ id: 'acc', email: 'm@x.example', displayName: 'M', passwordHash: '', createdAt: '', disabledAt: null, role: 'mediator', committeeId: 'committee-1', regionId: null, ...fields }) as AccountRecord;

  it('reads a platform’s directory under its key’s region, and asks anyone else for a key', () => {
    expect(platformRegionOf(keyOf(county))).toBe(county);
    expect(codeOf(() => platformRegionOf(accountOf('committee-1')))).toBe(ErrorCode.unauthenticated);
    expect(codeOf(() => platformRegionOf(participantOf('case-a')))).toBe(ErrorCode.unauthenticated);
  });

  it('lets a key file cases only with committees in and below its region', () => {
    expect(codeOf(() => authorizeCaseFiling(keyOf(county), committee))).toBeNull();
    expect(codeOf(() => authorizeCaseFiling(keyOf('/province/'), committee))).toBeNull();
    expect(codeOf(() => authorizeCaseFiling(keyOf('/province/city/county-b/'), committee))).toBe(ErrorCode.notFound);
    expect(codeOf(() => authorizeCaseFiling(accountOf('committee-1'), committee))).toBe(ErrorCode.notFound);
  });

  it('lets a platform name only an enabled mediator of the committee, anyone else alike NOT_FOUND', () => {
    expect(authorizeNamedMediator(person({}), committee).id).toBe('acc');
    for (const [what, account] of [
      ['nobody', undefined],
      ['a mediator of another committee', person({ committeeId: 'committee-2' })],
      ['the committee’s staff', person({ role: 'staff' })],
      ['a disabled mediator', person({ disabledAt: '2026-01-01T00:00:00.000Z' })],
      ['an administrator', person({ role: 'administrator', committeeId: null, regionId: 'r' } as Partial<AccountRecord>)],
    ] as const) {
      expect([what, codeOf(() => authorizeNamedMediator(account, committee))]).toEqual([what, ErrorCode.notFound]);
    }
  });
});

describe('the archive’s rules', () => {
  const inCounty = { id: 'case-c', committeeId: 'committee-3', regionPath: '/province/city/county/' } as CaseWithSession;
  const staffOf = (committeeId: string): Principal => ({ kind: 'account', accountId: 's', role: 'staff', committeeId, regionPath: '/province/city/county/', name: 'S' });
  const adminOf = (regionPath: string): Principal => ({ kind: 'account', accountId: 'r', role: 'administrator', committeeId: null, regionPath, name: 'R' });
  const keyOf = (regionPath: string): Principal => ({ kind: 'api-key', keyId: 'k', name: 'K', regionId: 'r', regionPath });

  it('opens a case of the archive to its committee’s staff and to administrators and keys of a region holding it', () => {
    expect(authorizeArchiveCase(staffOf('committee-3'), inCounty)).toEqual({ kind: 'committee', committeeId: 'committee-3', regionPath: '/province/city/county/' });
    expect(authorizeArchiveCase(adminOf('/province/city/'), inCounty)).toEqual({ kind: 'region', regionPath: '/province/city/' });
    expect(codeOf(() => authorizeArchiveCase(keyOf('/province/'), inCounty))).toBeNull();
  });

  it('answers anyone else, and a case that does not exist, as if there were no such case', () => {
    expect(codeOf(() => authorizeArchiveCase(staffOf('committee-4'), inCounty))).toBe(ErrorCode.notFound);
    expect(codeOf(() => authorizeArchiveCase(adminOf('/province/other-city/'), inCounty))).toBe(ErrorCode.notFound);
    expect(codeOf(() => authorizeArchiveCase(keyOf('/province/city/county/township/'), inCounty))).toBe(ErrorCode.notFound);
    expect(codeOf(() => authorizeArchiveCase(staffOf('committee-3'), undefined))).toBe(ErrorCode.notFound);
  });

  it('refuses mediators the archive and tells a join link to sign in, whatever the case', () => {
    expect(codeOf(() => authorizeArchiveCase(accountOf('committee-3'), inCounty))).toBe(ErrorCode.forbidden);
    expect(codeOf(() => authorizeArchiveCase(participantOf('case-c'), inCounty))).toBe(ErrorCode.unauthenticated);
  });
});

describe('the statistics rule', () => {
  const region = (path: string) => ({ id: path.split('/').at(-2)!, path }) as RegionRecord;
  const committee = (id: string, regionPath: string) => ({ id, regionPath }) as CommitteeRecord;
  const account = (role: 'administrator' | 'staff' | 'mediator', regionPath: string, committeeId: string | null = null): Principal => ({
    kind: 'account', accountId: 'a', role, name: 'A', committeeId, regionPath,
  });
  const admin = account('administrator', '/p/city/');
  const staff = account('staff', '/p/city/county/', 'c1');
  const key: Principal = { kind: 'api-key', keyId: 'k', name: 'K', regionId: 'city', regionPath: '/p/city/' };

  it('gives staff their committee, administrators and API keys their region rolled up', () => {
    expect(authorizeStatistics(staff)).toEqual({ kind: 'committee', committeeId: 'c1', regionPath: '/p/city/county/' });
    expect(authorizeStatistics(admin)).toEqual({ kind: 'region', regionPath: '/p/city/' });
    expect(authorizeStatistics(key)).toEqual({ kind: 'region', regionPath: '/p/city/' });
  });

  it('narrows to a committee or region within reach, and answers NOT_FOUND for one outside it', () => {
    expect(authorizeStatistics(admin, { committee: committee('c9', '/p/city/other/') })).toEqual({ kind: 'committee', committeeId: 'c9', regionPath: '/p/city/other/' });
    expect(authorizeStatistics(admin, { region: region('/p/city/county/') })).toEqual({ kind: 'region', regionPath: '/p/city/county/' });
    expect(codeOf(() => authorizeStatistics(admin, { committee: committee('c8', '/p/town/') }))).toBe(ErrorCode.notFound);
    expect(codeOf(() => authorizeStatistics(admin, { region: region('/p/') }))).toBe(ErrorCode.notFound);
    expect(codeOf(() => authorizeStatistics(staff, { committee: committee('c1', '/p/city/county/') }))).toBeNull();
    expect(codeOf(() => authorizeStatistics(staff, { committee: committee('c2', '/p/city/county/') }))).toBe(ErrorCode.notFound);
    expect(codeOf(() => authorizeStatistics(staff, { region: region('/p/city/county/') }))).toBe(ErrorCode.notFound);
  });

  it('refuses mediators (FORBIDDEN) and join links (UNAUTHENTICATED)', () => {
    expect(codeOf(() => authorizeStatistics(account('mediator', '/p/city/county/', 'c1')))).toBe(ErrorCode.forbidden);
    expect(codeOf(() => authorizeStatistics(participantOf('case-a')))).toBe(ErrorCode.unauthenticated);
  });
});
