/**
 * Socket.IO event names. Client-to-server events carry an acknowledgement callback, but
 * for `draft:push` (UNACKNOWLEDGED_CLIENT_EVENTS); server-to-client events are pushes.
 */
export const ClientEvent = {
  /** DTLS parameters for one of the two transports the welcome created. */
  connectTransport: 'media:connect-transport',
  /** Start sending a track (microphone, camera, screen) on the send transport. */
  produce: 'media:produce',
  /** Pause or resume one of the participant's own producers (mute, stop camera). */
  setProducerPaused: 'media:set-producer-paused',
  /** Stop sending a track for good. */
  closeProducer: 'media:close-producer',
  /** The device is loaded: consume everyone else from now on. */
  ready: 'room:ready',
  /** The client has attached these consumers and wants media to flow. */
  resumeConsumers: 'media:resume-consumers',
  /** Leave the room; the server closes everything the participant owns. */
  leave: 'room:leave',
  /** One of the participant's transports lost its path (a network change): new ICE credentials to find another. */
  restartIce: 'media:restart-ice',
  /** Connected ahead with `prepare` in the handshake: come in now (through the lobby, if the case has one). */
  enter: 'room:enter',
  /** Which simulcast layer of one camera fits the tile that shows it (PROTOCOL.md, "Call quality"). */
  preferLayers: 'media:prefer-layers',
  /** Receive sound alone, or pictures again. */
  setAudioOnly: 'media:set-audio-only',

  // Who is in the room (PROTOCOL.md, "The lobby").
  /** Mediator: let a person waiting in the lobby into the room. */
  admit: 'lobby:admit',
  /** Mediator: turn a person waiting in the lobby away. */
  turnAway: 'lobby:turn-away',
  /** Mediator: nobody new gets in, not even into the lobby, until unlocked. */
  setLocked: 'room:set-locked',
  /** Mediator: send a person out of the room; their link stops working for the case. */
  removeParticipant: 'room:remove-participant',
  /** Mediator: end the session for everyone. */
  endSession: 'room:end-session',

  // Private caucuses (PROTOCOL.md, "Spaces").
  /** Mediator: open a private session with some of the people, who are moved into it. */
  openCaucus: 'caucus:open',
  /** Mediator: put a person (themselves included) in the main room or a caucus. */
  moveToSpace: 'caucus:move',
  /** Mediator: close a caucus; its people return to the main room. */
  closeCaucus: 'caucus:close',
  /** Mediator: every caucus of the case, open or closed, whose notes they may read. */
  listCaucusNotes: 'caucus:list-notes',

  // Moderation.
  /** Mediator: mute someone's microphone or stop their camera, until allowed again. */
  muteParticipant: 'room:mute',
  /** Mediator: let someone unmute (or start their camera) again. */
  allowUnmute: 'room:allow-unmute',
  /** Someone the mediator muted asks to unmute. */
  askToUnmute: 'room:ask-to-unmute',
  /** Mediator: let a person share their screen, or withdraw it (which ends their share at once). */
  allowScreenShare: 'room:allow-screen-share',

  // Chat, one per space.
  /** A message to the people of one's own space; acknowledged once stored. */
  sendChat: 'chat:send',
  /** The latest messages of one's own space. */
  listChat: 'chat:list',

  // Live drafting (DRAFTING.md).
  /**
   * A y-protocols sync message for one document; acknowledged once stored, with any replies.
   * The acknowledgement also confirms every `draft:push` the client sent before it.
   */
  draftSync: 'draft:sync',
  /** A y-protocols update message for one document, not acknowledged: a refusal comes back as `draft:refused`. */
  draftPush: 'draft:push',
  /** A y-protocols awareness update (caret, name, colour) for one document. */
  draftAwareness: 'draft:awareness',
  /** Mediator: allow or stop the parties editing the shared documents. */
  setPartyEditing: 'draft:set-party-editing',
  /** Mediator: replace the agreement with the template of a dispute category, filled from the case. */
  startAgreement: 'agreement:start-from-template',
  /** Party: agree or object to one clause, with an optional comment. */
  markClause: 'agreement:mark-clause',
  /** Mediator: save the agreement as it is now as a named version. */
  saveVersion: 'agreement:save-version',
  listVersions: 'agreement:list-versions',
  /** One saved version's text, to compare with another. */
  getVersion: 'agreement:get-version',

  // Signing (SIGNING.md).
  /** Mediator: what is still open before freezing (identity checks, objections, blanks, empty fields). */
  checkBeforeFreeze: 'agreement:check-before-freeze',
  /** Mediator: the agreement becomes a numbered version with its hash; editing it stops. */
  freezeAgreement: 'agreement:freeze',
  /** Mediator: editing resumes; every signature of the frozen version is void. */
  unfreezeAgreement: 'agreement:unfreeze',
  /** Mediator: checked this party's identity document on camera. */
  attestIdentity: 'signing:attest-identity',
  /** Signer: ticked the consent statement for the frozen version. */
  consent: 'signing:consent',
  /** Signer: drawn signature, typed name and their own key's signature of the agreement hash. */
  sign: 'signing:sign',
  getSigningState: 'signing:get-state',
} as const;
export type ClientEventName = (typeof ClientEvent)[keyof typeof ClientEvent];

/** Client events sent without an acknowledgement callback. */
export type UnacknowledgedClientEvent = typeof ClientEvent.draftPush;
export const UNACKNOWLEDGED_CLIENT_EVENTS: ReadonlySet<string> = new Set<UnacknowledgedClientEvent>([ClientEvent.draftPush]);

export const ServerEvent = {
  /** Sent once after the handshake: who you are, who is here, the router and both transports. */
  welcome: 'room:welcome',
  /**
   * To a connection made ahead of joining (`prepare` in the handshake): the router and both
   * transports, to load the device and connect them while the person is still in the device
   * check. The welcome that follows `room:enter` names the same transports.
   */
  prepared: 'room:prepared',
  participantJoined: 'participant:joined',
  participantUpdated: 'participant:updated',
  participantLeft: 'participant:left',
  /**
   * New consumers, created paused, for producers of other participants; the client
   * acknowledges the ones it attached and the server resumes those.
   */
  consumersAdded: 'media:consumers-added',
  consumerClosed: 'media:consumer-closed',
  /**
   * To a person: the server closed one of their own producers (their screen share: the
   * mediator withdrew it or took the screen over, or they moved to another space).
   */
  producerClosed: 'media:producer-closed',
  /** The room ended under the participant (media worker lost, removed, ...). */
  roomClosed: 'room:closed',
  /**
   * To a person who must wait: they are in the lobby until the mediator lets them in (the
   * welcome follows) or turns them away (`room:closed`). Acknowledged at once: the server
   * reads the connection's round trip from it.
   */
  lobbyWaiting: 'lobby:waiting',
  /** To the mediator: who waits in the lobby, and whether the room is locked; after the welcome and on every change. */
  lobbyState: 'lobby:state',
  /** Where everyone is (main room, caucuses): after the welcome and on every change. */
  spaces: 'room:spaces',
  /** To a person: the mediator muted one of their sources, or allowed it again. */
  heldByMediator: 'room:held',
  /** To the mediator: someone asks to unmute. */
  unmuteAsked: 'room:unmute-asked',
  /** A chat message of one's own space. */
  chatMessage: 'chat:message',
  /** Who speaks now in one's own space, as mediasoup's active speaker observer hears it. */
  activeSpeaker: 'room:active-speaker',
  /** To a viewer: they receive sound alone (by their choice, or because their downlink is too slow), or pictures again. */
  audioOnly: 'media:audio-only',
  /** The connection quality of people of one's own space, on change and at most every QUALITY_PUSH_INTERVAL_MS per person. */
  connectionQuality: 'media:connection-quality',

  /** Another participant's change to a document, as a y-protocols sync message. */
  draftSync: 'draft:sync',
  draftAwareness: 'draft:awareness',
  /** A `draft:push` was refused or failed: the change may be missing on the server. */
  draftRefused: 'draft:refused',
  /** Who may edit and every clause mark: after the welcome and on every change. */
  draftingState: 'draft:state',
  clauseMarked: 'agreement:clause-marked',
  versionSaved: 'agreement:version-saved',
  /** The frozen version, who has signed, the issued document: after the welcome and on every change. */
  signingState: 'signing:state',
} as const;
export type ServerEventName = (typeof ServerEvent)[keyof typeof ServerEvent];
