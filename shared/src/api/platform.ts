import { z } from 'zod';
import { COMMITTEE_KINDS } from '../domain/organisation.js';
import { CreateCaseRequest } from './cases.js';
import { MAX_EMAIL_LENGTH } from './organisation.js';

/**
 * `POST /api/v1/committees/:committeeId/cases`: a case a platform files with a committee.
 * Every case has a mediator who runs its session: the platform names one of the
 * committee's mediators by their account's email (see `GET /api/v1/committees`).
 */
export const FileCaseRequest = CreateCaseRequest.extend({
  mediatorEmail: z
    .string()
    .trim()
    .toLowerCase()
    .email()
    .max(MAX_EMAIL_LENGTH)
    .meta({ description: 'The email of the committee’s mediator who will run the case (one of the committee’s `mediators`).', example: 'mediator@example.org' }),
});
export type FileCaseRequest = z.infer<typeof FileCaseRequest>;
/** A request as sent: what has a default may be left out. */
export type FileCaseInput = z.input<typeof FileCaseRequest>;

/** A committee within a key's reach, with the mediators a case can be filed for. */
export const PlatformCommittee = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(COMMITTEE_KINDS),
  regionId: z.string(),
  regionName: z.string(),
  mediators: z
    .array(z.object({ email: z.string(), displayName: z.string() }))
    .meta({ description: 'Its mediators whose accounts are enabled: a case filed with the committee names one of them.' }),
});
export type PlatformCommittee = z.infer<typeof PlatformCommittee>;

/** `GET /api/v1/committees`: every committee within the key's region, by name. */
export const PlatformCommitteeList = z.object({ committees: z.array(PlatformCommittee) });
export type PlatformCommitteeList = z.infer<typeof PlatformCommitteeList>;
