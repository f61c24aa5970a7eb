import type { Request } from 'express';
import { ErrorCode, type PlatformCommittee, type platformRoutes } from '@mediation/shared';
import { caseMediatorOf, createCase, type CreateCaseDeps } from '../../cases/create-case.js';
import { currentJoinLinks } from '../../cases/current-join-links.js';
import { AppError } from '../../errors/app-error.js';
import {
  authorizeCaseFiling,
  authorizeCaseManagement,
  authorizeCaseRecords,
  authorizeNamedMediator,
  platformRegionOf,
  type Principal,
} from '../../policy/policy.js';
import { lookUpIssuedAgreement } from '../../signing/verify-issued-agreement.js';
import type { CaseWithSession } from '../../store/records.js';
import type { RouteHandlers } from '../mount-api-routes.js';
import { recordVerification } from '../record-verification.js';
import { requestActor } from '../request-actor.js';
import { sendIssuedAgreement } from '../send-issued-agreement.js';

export interface PlatformRouteDeps extends CreateCaseDeps {
  /** The address join links point at; without it, the address the request came to. */
  publicUrl: string | undefined;
}

/**
 * The API for other platforms (the table `platformRoutes`): a key files cases with the
 * committees in and below its region and follows them to their signed agreement. What
 * lies outside its region is NOT_FOUND, as if it did not exist.
 */
export function platformRouteHandlers(deps: PlatformRouteDeps): RouteHandlers<typeof platformRoutes> {
  const { store } = deps;
  const baseUrlOf = (req: Request) => deps.publicUrl ?? `${req.protocol}://${req.get('host')}`;

  const caseWithin = async (caseId: string, principal: Principal, authorize: (principal: Principal, found: CaseWithSession) => void) => {
    const found = await store.findCase(caseId);
    if (!found) throw new AppError(ErrorCode.notFound, 'No such case.');
    authorize(principal, found);
    return found;
  };

  return {
    async listPlatformCommittees({ principal }) {
      const regionPath = platformRegionOf(principal);
      const [committees, regions, accounts] = await Promise.all([
        store.listCommitteesUnder(regionPath),
        store.listRegionsUnder(regionPath),
        store.listAccountsUnder(regionPath),
      ]);
      const regionNames = new Map(regions.map((region) => [region.id, region.name]));
      return {
        committees: committees.map(
          (committee): PlatformCommittee => ({
            id: committee.id,
            name: committee.name,
            kind: committee.kind,
            regionId: committee.regionId,
            regionName: regionNames.get(committee.regionId) ?? '',
            mediators: accounts
              .filter((account) => account.committeeId === committee.id && account.role === 'mediator' && account.disabledAt === null)
              .map((account) => ({ email: account.email, displayName: account.displayName })),
          }),
        ),
      };
    },

    async fileCase({ params, body, principal, req }) {
      const committee = await store.findCommittee(params.committeeId);
      if (!committee) throw new AppError(ErrorCode.notFound, 'No such committee.');
      authorizeCaseFiling(principal, committee);
      const mediator = authorizeNamedMediator(await store.findAccountByEmail(body.mediatorEmail), committee);
      return createCase(deps, caseMediatorOf(mediator), body, baseUrlOf(req), requestActor(req, principal));
    },

    async platformCaseLinks({ params, principal, req }) {
      const found = await caseWithin(params.caseId, principal, authorizeCaseManagement);
      return currentJoinLinks(deps, found, requestActor(req, principal), baseUrlOf(req));
    },

    async platformAgreementPdf({ params, principal, req, res }) {
      await sendIssuedAgreement(store, principal, params.caseId, req, res);
    },

    async platformVerification({ params, principal, req }) {
      const found = await caseWithin(params.caseId, principal, authorizeCaseRecords);
      const issued = await store.findIssuedAgreementOfCase(found.id);
      if (!issued) throw new AppError(ErrorCode.notFound, 'The agreement has not been issued yet.');
      // The key reaches the case (checked above): it is told everything the records say.
      const report = await lookUpIssuedAgreement(store, issued.documentNumber, async () => true);
      await recordVerification(store, requestActor(req, principal), report, 'number');
      return report;
    },
  };
}
