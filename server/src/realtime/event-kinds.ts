import { ClientEvent, type ClientEventName } from '@mediation/shared';

/**
 * How the server serves each client event: `media` events as soon as the participant is
 * welcomed into the room; `document` events once the case's documents are open for them,
 * queued behind that. A new client event does not compile until it is named here.
 */
export const CLIENT_EVENT_KINDS = {
  [ClientEvent.connectTransport]: 'media',
  [ClientEvent.produce]: 'media',
  [ClientEvent.setProducerPaused]: 'media',
  [ClientEvent.closeProducer]: 'media',
  [ClientEvent.ready]: 'media',
  [ClientEvent.resumeConsumers]: 'media',
  [ClientEvent.leave]: 'media',
  [ClientEvent.restartIce]: 'media',
  [ClientEvent.enter]: 'media',
  [ClientEvent.preferLayers]: 'media',
  [ClientEvent.setAudioOnly]: 'media',
  [ClientEvent.admit]: 'document',
  [ClientEvent.turnAway]: 'document',
  [ClientEvent.setLocked]: 'document',
  [ClientEvent.removeParticipant]: 'document',
  [ClientEvent.endSession]: 'document',
  [ClientEvent.openCaucus]: 'document',
  [ClientEvent.moveToSpace]: 'document',
  [ClientEvent.closeCaucus]: 'document',
  [ClientEvent.listCaucusNotes]: 'document',
  [ClientEvent.muteParticipant]: 'document',
  [ClientEvent.allowUnmute]: 'document',
  [ClientEvent.askToUnmute]: 'document',
  [ClientEvent.allowScreenShare]: 'document',
  [ClientEvent.sendChat]: 'document',
  [ClientEvent.listChat]: 'document',
  [ClientEvent.draftSync]: 'document',
  [ClientEvent.draftPush]: 'document',
  [ClientEvent.draftAwareness]: 'document',
  [ClientEvent.setPartyEditing]: 'document',
  [ClientEvent.startAgreement]: 'document',
  [ClientEvent.markClause]: 'document',
  [ClientEvent.saveVersion]: 'document',
  [ClientEvent.listVersions]: 'document',
  [ClientEvent.getVersion]: 'document',
  [ClientEvent.checkBeforeFreeze]: 'document',
  [ClientEvent.freezeAgreement]: 'document',
  [ClientEvent.unfreezeAgreement]: 'document',
  [ClientEvent.attestIdentity]: 'document',
  [ClientEvent.consent]: 'document',
  [ClientEvent.sign]: 'document',
  [ClientEvent.getSigningState]: 'document',
} as const satisfies Record<ClientEventName, 'media' | 'document'>;

type KindOf<E extends ClientEventName> = (typeof CLIENT_EVENT_KINDS)[E];

export type MediaEvent = { [E in ClientEventName]: KindOf<E> extends 'media' ? E : never }[ClientEventName];
export type DocumentEvent = { [E in ClientEventName]: KindOf<E> extends 'document' ? E : never }[ClientEventName];

export function isMediaEvent(event: ClientEventName): event is MediaEvent {
  return CLIENT_EVENT_KINDS[event] === 'media';
}
