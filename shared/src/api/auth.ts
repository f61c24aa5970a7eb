import { z } from 'zod';

export const SignInRequest = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(256),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

export interface AccountInfo {
  id: string;
  email: string;
  displayName: string;
  committeeId: string;
  committeeName: string;
}
