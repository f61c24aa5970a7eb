/**
 * Every error that reaches a client carries one of these codes and a human message,
 * never a stack trace. The same codes are used in socket acknowledgements, in the
 * handshake refusal (`connect_error` with `data.code`) and in REST error bodies.
 */
export const ErrorCode = {
  // Handshake: the join token.
  /** No token in the handshake. */
  tokenMissing: 'TOKEN_MISSING',
  /** Not a JWT, or its claims do not have the expected shape. */
  tokenMalformed: 'TOKEN_MALFORMED',
  /** The token's expiry has passed. */
  tokenExpired: 'TOKEN_EXPIRED',
  /** The signature does not verify with this server's secret. */
  tokenBadSignature: 'TOKEN_BAD_SIGNATURE',
  /** The token is valid but names another room than the one asked for. */
  tokenWrongRoom: 'TOKEN_WRONG_ROOM',
  /** The participant's link was revoked or the participant no longer exists. */
  tokenRevoked: 'TOKEN_REVOKED',

  // Requests.
  /** The payload does not match the event's schema. */
  validationFailed: 'VALIDATION_FAILED',
  /** No such client event in this protocol. */
  unknownEvent: 'UNKNOWN_EVENT',
  /** Too many events from this socket; slow down. */
  rateLimited: 'RATE_LIMITED',
  /** The role of the caller does not allow this action. */
  forbidden: 'FORBIDDEN',
  /** The transport, producer or consumer named does not belong to the caller. */
  notFound: 'NOT_FOUND',
  /** The action does not fit the current state (e.g. consuming before ready). */
  conflict: 'CONFLICT',
  /** The room already holds the maximum number of participants. */
  roomFull: 'ROOM_FULL',
  /** The person waits in the lobby: nothing of the room is theirs until the mediator lets them in. */
  notAdmitted: 'NOT_ADMITTED',
  /** The mediator has locked the room: nobody new gets in. */
  roomLocked: 'ROOM_LOCKED',
  /** The mediator did not let the person in from the lobby. */
  turnedAway: 'TURNED_AWAY',
  /** The mediator removed the person from the room; their link no longer works for the case. */
  removed: 'REMOVED',
  /** The mediator ended the session for everyone. */
  sessionEnded: 'SESSION_ENDED',
  /** The mediator muted this microphone (or stopped this camera): ask the mediator to allow it again. */
  heldByMediator: 'HELD_BY_MEDIATOR',
  /** Sharing one's screen needs the mediator's leave, which this person does not have (or no longer has). */
  screenShareNotAllowed: 'SCREEN_SHARE_NOT_ALLOWED',
  /** Someone else in this space shares their screen already: one screen at a time. */
  screenShareBusy: 'SCREEN_SHARE_BUSY',
  /** The mediator started sharing in this space, which ended this person's share. */
  screenShareTakenOver: 'SCREEN_SHARE_TAKEN_OVER',
  /** The person moved to another space (main room or caucus): what they shared stayed behind and ended. */
  movedToAnotherSpace: 'MOVED_TO_ANOTHER_SPACE',
  /** The SFU refused the operation (e.g. unsupported RTP parameters). */
  mediaRejected: 'MEDIA_REJECTED',
  /** The room's media worker died; rejoin to continue. */
  mediaWorkerLost: 'MEDIA_WORKER_LOST',
  /** A y-protocols message that cannot be read or does not apply to the document. */
  draftUpdateInvalid: 'DRAFT_UPDATE_INVALID',

  // Signing.
  /** The agreement is frozen for signing: unfreeze it to change the wording. */
  agreementFrozen: 'AGREEMENT_FROZEN',
  /** Nothing is frozen for signing yet. */
  agreementNotFrozen: 'AGREEMENT_NOT_FROZEN',
  /** The version or hash signed is not the one frozen now (it changed, or was unfrozen). */
  staleVersion: 'STALE_VERSION',
  /** This signer has already signed this version. */
  alreadySigned: 'ALREADY_SIGNED',
  /** The signer has not ticked the consent statement for this version. */
  consentRequired: 'CONSENT_REQUIRED',
  /** The mediator signs after every party. */
  signingOutOfOrder: 'SIGNING_OUT_OF_ORDER',
  /** The signer's own ECDSA signature does not verify for this agreement and signer. */
  signatureInvalid: 'SIGNATURE_INVALID',
  /** The typed name is not the name on the case (nor the alias recorded with the identity check). */
  nameMismatch: 'NAME_MISMATCH',
  /** A party signs only once the mediator has recorded the check of their identity document. */
  identityNotChecked: 'IDENTITY_NOT_CHECKED',
  /** Items of the freeze checklist are still open: settle them, or freeze with a reason. */
  checklistOpen: 'CHECKLIST_OPEN',
  /** The agreement has been issued; it can no longer change. */
  agreementIssued: 'AGREEMENT_ISSUED',
  /** The case's audit log fails its hash check: nothing more is issued until the operator has looked. */
  auditChainBroken: 'AUDIT_CHAIN_BROKEN',

  // REST.
  /** Sign-in required, or the session expired. */
  unauthenticated: 'UNAUTHENTICATED',
  /** Email or password wrong. */
  invalidCredentials: 'INVALID_CREDENTIALS',
  /** The password is right but an administrator has disabled the account. */
  accountDisabled: 'ACCOUNT_DISABLED',
  /** The request body is larger than the endpoint accepts (HTTP 413); nothing of it was read. */
  payloadTooLarge: 'PAYLOAD_TOO_LARGE',

  /** Anything unexpected; details stay in the server log. */
  internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /**
   * Present on INTERNAL only: the id of the server's log line that holds the error itself,
   * for the operator to find it when someone reports the problem.
   */
  correlationId?: string;
}
