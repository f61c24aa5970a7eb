import { ErrorCode } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';
import type { Store } from '../store/store.js';
import type { DeskAction } from './desk-action.js';

/**
 * Applies the mediator's action to a case (the store decides with the state machine, inside
 * its transaction): a transition the case's status does not allow is CONFLICT, with the
 * machine's reason, and changes nothing.
 */
export async function applyDeskAction(store: Pick<Store, 'applyDeskAction'>, caseId: string, action: DeskAction): Promise<void> {
  const result = await store.applyDeskAction(caseId, action);
  if (result.kind === 'no-such-case') throw new AppError(ErrorCode.notFound, 'No such case.');
  if (result.kind === 'refused') throw new AppError(ErrorCode.conflict, result.reason);
}
