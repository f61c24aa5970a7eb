import { Role, type FileCaseInput } from '@mediation/shared';

/**
 * The bodies the platform API's tests send, in one place, so the test of the OpenAPI
 * document checks that the document describes exactly these: the good one validates
 * against its schema, the bad ones do not.
 */
export function platformCaseBody(mediatorEmail: string, caseNumber = '（2026）滇调字第 0042 号'): FileCaseInput {
  return {
    caseNumber,
    title: '邻里漏水纠纷 Water leaking into the flat below',
    category: 'neighbourhood',
    participants: [
      { displayName: '张伟', role: Role.applicant },
      { displayName: '欧阳娜娜', role: Role.respondent },
      { displayName: 'Observer O', role: Role.observer },
    ],
    waitingRoom: true,
    mediatorEmail,
  };
}

/** Bodies the schema refuses, each for one reason. */
export function invalidPlatformCaseBodies(mediatorEmail: string): Record<string, unknown> {
  const good = platformCaseBody(mediatorEmail);
  const { mediatorEmail: _left, ...withoutMediator } = good;
  return {
    'no mediator named': withoutMediator,
    'a mediator email that is no email': { ...good, mediatorEmail: 'not an email' },
    'no parties': { ...good, participants: [] },
    'a category that does not exist': { ...good, category: 'piracy' },
    'a title far too long': { ...good, title: 'x'.repeat(1000) },
    'a party with a role that cannot be invited': { ...good, participants: [{ displayName: 'Someone', role: 'judge' }] },
    'not an object at all': ['a', 'list'],
  };
}
