import { ErrorCode, type DisputeCategory } from '@mediation/shared';
import { listCases } from '../api/cases-api';
import { CodedError } from '../errors/coded-error';

/**
 * The dispute category the case was filed under, as the committee's case list says. Only a
 * signed-in mediator can read that list; without a session the answer is null, not an error.
 */
export async function findCaseCategory(caseId: string): Promise<DisputeCategory | null> {
  try {
    return (await listCases()).find((summary) => summary.id === caseId)?.category ?? null;
  } catch (error) {
    if (error instanceof CodedError && error.code === ErrorCode.unauthenticated) return null;
    throw error;
  }
}
