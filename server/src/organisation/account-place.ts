import type { AccountRecord, CommitteeRecord, RegionRecord } from '../store/records.js';
import type { OrganisationStore } from '../store/organisation-store.js';

/** Where an account belongs: staff and mediators to a committee, administrators to a region. */
export type AccountPlace = { kind: 'committee'; committee: CommitteeRecord } | { kind: 'region'; region: RegionRecord };

/**
 * The place of an account on record. The store keeps every account's committee or region
 * (nothing is ever deleted), so a missing one is a broken store, not a client's mistake.
 */
export async function accountPlace(store: OrganisationStore, account: AccountRecord): Promise<AccountPlace> {
  if (account.committeeId !== null) {
    const committee = await store.findCommittee(account.committeeId);
    if (!committee) throw new Error(`account ${account.id} names a committee that does not exist`);
    return { kind: 'committee', committee };
  }
  const region = await store.findRegion(account.regionId);
  if (!region) throw new Error(`account ${account.id} names a region that does not exist`);
  return { kind: 'region', region };
}

/** The audit log's place of something at `place`: the region path its administrators read by, and the committee. */
export function auditPlaceOf(place: AccountPlace): { regionPath: string; committeeId: string | null } {
  return place.kind === 'committee'
    ? { regionPath: place.committee.regionPath, committeeId: place.committee.id }
    : { regionPath: place.region.path, committeeId: null };
}

export function placeNameOf(place: AccountPlace): string {
  return place.kind === 'committee' ? place.committee.name : place.region.name;
}
