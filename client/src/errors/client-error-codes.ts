/** Failures the client detects itself, next to the server's ErrorCode values. */
export const ClientErrorCode = {
  /** An acknowledgement or HTTP response did not arrive in time. */
  requestTimeout: 'REQUEST_TIMEOUT',
  /** The server could not be reached at all. */
  networkError: 'NETWORK_ERROR',
  /** The server answered with something that is not the protocol's shape. */
  unexpectedResponse: 'UNEXPECTED_RESPONSE',
  /** mediasoup-client could not load or build transports in this browser. */
  mediaSetupFailed: 'MEDIA_SETUP_FAILED',
  /** The connection's media session closed (a reconnection replaced it) while this was under way. */
  mediaSessionClosed: 'MEDIA_SESSION_CLOSED',
  /** The browser could not capture the screen, window or tab chosen to share. */
  screenCaptureFailed: 'SCREEN_CAPTURE_FAILED',
  /** This browser could not make, keep or use the signer's key, or encode the drawn signature. */
  signingFailed: 'SIGNING_FAILED',
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];
