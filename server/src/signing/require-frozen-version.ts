import { ErrorCode } from '@mediation/shared';
import type { CaseDrafting } from '../drafting/case-drafting.js';
import { AppError } from '../errors/app-error.js';
import type { FreezeRecord } from '../store/records.js';

/**
 * The freeze a signer acts on: they must name exactly the version and hash frozen now;
 * anything else is a stale screen.
 */
export function requireFrozenVersion(drafting: CaseDrafting, request: { version: number; agreementHash: string }): FreezeRecord {
  if (drafting.issued) throw new AppError(ErrorCode.agreementIssued, 'The agreement has been issued.');
  const frozen = drafting.frozen;
  if (!frozen) throw new AppError(ErrorCode.agreementNotFrozen, 'The agreement is not frozen for signing.');
  if (frozen.versionNumber !== request.version || frozen.agreementHash !== request.agreementHash) {
    throw new AppError(ErrorCode.staleVersion, `Version ${frozen.versionNumber} is the one frozen for signing now.`);
  }
  return frozen;
}
