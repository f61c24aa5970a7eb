import type { archiveRoutes } from '@mediation/shared';
import { requestActor } from '../http/request-actor.js';
import type { RouteHandlers } from '../http/mount-api-routes.js';
import { authorizeArchive, authorizeArchiveCase, type Principal } from '../policy/policy.js';
import type { Store } from '../store/store.js';
import { downloadArchivedAgreement } from './download-archived-agreement.js';
import { listArchiveAccess } from './list-archive-access.js';
import { readArchivedCase } from './read-archived-case.js';
import { searchArchive } from './search-archive.js';
import { verifyArchivedAgreement } from './verify-archived-agreement.js';

/** The archive's routes (shared archive-routes.ts): each asks the policy, then runs its use case. */
export function archiveHandlers(store: Store): RouteHandlers<typeof archiveRoutes> {
  /** The case the request names, if the caller's reach holds it; NOT_FOUND otherwise. */
  const archivedCase = async (principal: Principal, caseId: string) => {
    const found = await store.findCase(caseId);
    const reach = authorizeArchiveCase(principal, found);
    return { found: found!, reach };
  };

  return {
    searchArchive: async ({ principal, query }) => searchArchive(store, authorizeArchive(principal), query),
    readArchivedCase: async ({ principal, params }) => {
      const { found, reach } = await archivedCase(principal, params.caseId);
      return readArchivedCase(store, reach, found);
    },
    downloadArchivedAgreement: async ({ principal, params, req, res }) => {
      const { found } = await archivedCase(principal, params.caseId);
      const issued = await downloadArchivedAgreement(store, found, requestActor(req, principal));
      res.setHeader('Content-Type', 'application/pdf');
      res.setHeader('Content-Disposition', `attachment; filename="${issued.documentNumber}.pdf"`);
      res.setHeader('Cache-Control', 'private, no-store');
      res.send(Buffer.from(issued.pdf));
    },
    verifyArchivedAgreement: async ({ principal, params, req }) => {
      const { found } = await archivedCase(principal, params.caseId);
      return verifyArchivedAgreement(store, found, requestActor(req, principal));
    },
    listArchiveAccess: async ({ principal, query }) => {
      const reach = query.caseId === undefined ? authorizeArchive(principal) : (await archivedCase(principal, query.caseId)).reach;
      return listArchiveAccess(store, reach, query);
    },
  };
}
