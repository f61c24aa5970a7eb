import { randomUUID } from 'node:crypto';
import { AccountAuditType, ErrorCode, type CreateCommitteeRequest } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';
import { authorizeCommitteeCreation, type AccountPrincipal } from '../policy/policy.js';
import type { OrganisationStore } from '../store/organisation-store.js';
import type { CommitteeRecord, RegionRecord } from '../store/records.js';
import type { AccountAuditActor } from './account-audit-actor.js';

/**
 * Makes a new committee's signing key and certificate. Started once the committee is
 * stored and left to run: its first agreement is far off, and issuing makes them anyway
 * if this failed.
 */
export type PrepareCommitteeCredentials = (committee: CommitteeRecord) => void;

/** Adds a committee at a region, then has its signing credentials made. */
export async function createCommittee(
  deps: { store: OrganisationStore; prepareCommitteeCredentials: PrepareCommitteeCredentials },
  principal: AccountPrincipal,
  actor: AccountAuditActor,
  request: CreateCommitteeRequest,
): Promise<{ committee: CommitteeRecord; region: RegionRecord }> {
  const region = await deps.store.findRegion(request.regionId);
  if (!region) throw new AppError(ErrorCode.notFound, 'No such region.');
  authorizeCommitteeCreation(principal, region);

  const now = new Date().toISOString();
  const committee: CommitteeRecord = { id: randomUUID(), name: request.name, kind: request.kind, regionId: region.id, regionPath: region.path, createdAt: now };
  await deps.store.createCommittee(committee, {
    ...actor,
    at: now,
    type: AccountAuditType.committeeCreated,
    regionPath: region.path,
    committeeId: committee.id,
    data: { committeeId: committee.id, name: committee.name, kind: committee.kind, regionId: region.id },
  });
  deps.prepareCommitteeCredentials(committee);
  return { committee, region };
}
