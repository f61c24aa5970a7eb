import { ErrorCode, Role, isParty } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';
import type { DraftingMember } from './drafting-member.js';

export function requireMediator(member: DraftingMember, action: string): void {
  if (member.role !== Role.mediator) throw new AppError(ErrorCode.forbidden, `Only the mediator may ${action}.`);
}

export function requireParty(member: DraftingMember, action: string): void {
  if (!isParty(member.role)) throw new AppError(ErrorCode.forbidden, `Only a party may ${action}.`);
}
