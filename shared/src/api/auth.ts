import { z } from 'zod';
import type { AccountRole } from '../domain/organisation.js';

export const SignInRequest = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(256),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

export interface AccountInfo {
  id: string;
  email: string;
  displayName: string;
  role: AccountRole;
  /** Staff and mediators: their committee. Administrators: null. */
  committeeId: string | null;
  committeeName: string | null;
  /** Administrators: their region. Staff and mediators: their committee's region. */
  regionId: string;
  regionName: string;
}
