import { Role, type CreateCaseRequest, type CreatedCase, type JoinLink } from '@mediation/shared';
import { caseMediatorOf, createCase } from '../../server/src/cases/create-case.js';
import type { Service } from '../../server/src/service.js';
import { TEST_MEDIATOR } from './start-test-service.js';

/** A case with the mediator and the given people (two parties by default), and their links. */
export async function createTestCase(
  service: Service & { config: { joinLinkTtlSeconds: number } },
  participants: CreateCaseRequest['participants'] = [
    { displayName: 'Applicant A', role: Role.applicant },
    { displayName: 'Respondent B', role: Role.respondent },
  ],
  /** Tests of the lobby ask for one; the others let everyone straight in. */
  options: { waitingRoom?: boolean } = {},
): Promise<CreatedCase> {
  const mediator = await service.store.findAccountByEmail(TEST_MEDIATOR.email);
  if (!mediator) throw new Error('the test mediator account is missing');
  return createCase(
    { store: service.store, secret: service.secret, joinLinkTtlSeconds: service.config.joinLinkTtlSeconds },
    caseMediatorOf(mediator),
    { caseNumber: 'T-1', title: 'Test case', category: 'neighbourhood', participants, waitingRoom: options.waitingRoom ?? false },
    service.url,
  );
}

/** The token of a join link (it travels in the URL fragment). */
export function tokenOf(url: string): string {
  return new URL(url).hash.replace(/^#token=/, '');
}

/** The case's join link of its one participant with `role`. */
export function linkOf(created: CreatedCase, role: Role): JoinLink {
  const link = created.links.find((l) => l.role === role);
  if (!link) throw new Error(`the test case has no ${role}`);
  return link;
}
