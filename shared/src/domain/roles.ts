/** Who a participant is in a mediation session. */
export const Role = {
  mediator: 'mediator',
  applicant: 'applicant',
  respondent: 'respondent',
  representative: 'representative',
  interpreter: 'interpreter',
  /** Watches and listens only; never sends media, never signs. */
  observer: 'observer',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

export const ROLES = Object.values(Role) as [Role, ...Role[]];

/** A room holds at most this many participants. */
export const MAX_PARTICIPANTS_PER_ROOM = 8;
