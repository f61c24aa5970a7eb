import { z } from 'zod';
import { ROLES } from '../domain/roles.js';

/**
 * The claims of a personal join link (a JWT, HS256). The client reads them without
 * verifying to greet the person by name; only the server's verification counts.
 */
export const JoinClaims = z.object({
  /** Participant id. */
  sub: z.string().min(1),
  roomId: z.string().min(1),
  caseId: z.string().min(1),
  /** The committee's case number, as people know the case. */
  caseNumber: z.string().min(1),
  role: z.enum(ROLES),
  name: z.string().min(1),
  exp: z.number().int(),
  iat: z.number().int().optional(),
  /** The person's link generation when the link was issued (0 when absent). */
  gen: z.number().int().min(0).optional(),
});
export type JoinClaims = z.infer<typeof JoinClaims>;

/** The join link's path; the token travels in the fragment so it never reaches server logs. */
export function joinPath(roomId: string, token: string): string {
  return `/join/${encodeURIComponent(roomId)}#token=${token}`;
}

/** `POST /api/join-link/check`: is this link good for this room, before anyone is asked for a camera? */
export const CheckJoinLinkRequest = z.object({ token: z.string().min(1).max(4096), roomId: z.string().min(1).max(64) });
export type CheckJoinLinkRequest = z.infer<typeof CheckJoinLinkRequest>;

/** The answer for a good link: who it is for, as the case records them. */
export const CheckedJoinLink = z.object({
  name: z.string(),
  role: z.enum(ROLES),
  caseNumber: z.string(),
  /** The case's title, shown in the room so everyone knows which case it is. */
  caseTitle: z.string().meta({ description: 'The case’s title, shown in the room so everyone knows which case it is.' }),
});
export type CheckedJoinLink = z.infer<typeof CheckedJoinLink>;
