import { z } from 'zod';
import { ACCOUNT_ROLES } from '../domain/organisation.js';
import { MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH } from './organisation.js';

export const SignInRequest = z.object({
  email: z.string().trim().toLowerCase().email().max(MAX_EMAIL_LENGTH),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

export const AccountInfo = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ACCOUNT_ROLES),
  /** Staff and mediators: their committee. Administrators: null. */
  committeeId: z.string().nullable().meta({ description: 'Staff and mediators: their committee. Administrators: null.' }),
  committeeName: z.string().nullable(),
  /** Administrators: their region. Staff and mediators: their committee's region. */
  regionId: z.string().meta({ description: 'Administrators: their region. Staff and mediators: their committee’s region.' }),
  regionName: z.string(),
});
export type AccountInfo = z.infer<typeof AccountInfo>;
