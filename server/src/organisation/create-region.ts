import { randomUUID } from 'node:crypto';
import { AccountAuditType, childLevelOf, ErrorCode, type CreateRegionRequest } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';
import { authorizeRegionCreation, type AccountPrincipal } from '../policy/policy.js';
import type { OrganisationStore } from '../store/organisation-store.js';
import type { RegionRecord } from '../store/records.js';
import type { AccountAuditActor } from './account-audit-actor.js';

/** Adds a region below `parentId`, one level down from it; a township has nothing below it. */
export async function createRegion(
  store: OrganisationStore,
  principal: AccountPrincipal,
  actor: AccountAuditActor,
  request: CreateRegionRequest,
): Promise<RegionRecord> {
  const parent = await store.findRegion(request.parentId);
  if (!parent) throw new AppError(ErrorCode.notFound, 'No such region.');
  authorizeRegionCreation(principal, parent);
  const level = childLevelOf(parent.level);
  if (!level) throw new AppError(ErrorCode.validationFailed, 'parentId: a township is the lowest level; no region can be added below it.');

  const id = randomUUID();
  const now = new Date().toISOString();
  const region: RegionRecord = { id, parentId: parent.id, level, name: request.name, code: request.code, path: `${parent.path}${id}/`, createdAt: now };
  await store.createRegion(region, {
    ...actor,
    at: now,
    type: AccountAuditType.regionCreated,
    regionPath: region.path,
    committeeId: null,
    data: { regionId: id, name: region.name, level, parentId: parent.id },
  });
  return region;
}
