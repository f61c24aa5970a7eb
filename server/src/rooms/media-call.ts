import { ErrorCode } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';

/**
 * Runs a mediasoup call with what a client sent. Its refusals (bad or clashing RTP
 * parameters, a MID in use) become MEDIA_REJECTED, and acting on what closed meanwhile (a
 * consumer, a transport) NOT_FOUND; mediasoup's own wording stays in the log.
 */
export async function mediaCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    if (error.name === 'InvalidStateError') throw new AppError(ErrorCode.notFound, 'That track or connection has closed.');
    if (error instanceof TypeError || error.name === 'UnsupportedError' || error.name === 'Error') {
      throw Object.assign(new AppError(ErrorCode.mediaRejected, 'The media server cannot use these media parameters.'), { cause: error });
    }
    throw error;
  }
}
