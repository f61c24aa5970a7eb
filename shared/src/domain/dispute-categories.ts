/** The dispute categories people's mediation committees file cases under. */
export const DISPUTE_CATEGORIES = [
  'neighbourhood',
  'family',
  'property-management',
  'road-traffic',
  'medical',
  'labour',
  'tourism',
  'consumer',
  'other',
] as const;
export type DisputeCategory = (typeof DISPUTE_CATEGORIES)[number];
