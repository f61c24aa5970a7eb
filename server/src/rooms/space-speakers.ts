import type { types } from 'mediasoup';
import type { Logger } from '../logging/logger.js';
import type { ProducerAppData } from './participant.js';

/** How often mediasoup's observer may name a new dominant speaker. */
const SPEAKER_INTERVAL_MS = 300;

/**
 * Who speaks in each space of a room, from mediasoup's own active speaker observers: one
 * per space, each fed the microphones of that space only, so that speaking in a caucus is
 * never heard of in the main room.
 */
export class SpaceSpeakers {
  private readonly observers = new Map<string, Promise<types.ActiveSpeakerObserver>>();
  /** Which space's observer hears each microphone. */
  private readonly placed = new Map<string, string>();
  /** Who the observer of each space last named: told to whoever comes into that space. */
  private readonly current = new Map<string, string>();

  constructor(
    private readonly router: types.Router,
    private readonly onDominant: (space: string, participantId: string) => void,
    private readonly logger: Logger,
  ) {}

  /** Who speaks in `space`, as its observer last said (the observer names someone only when it changes). */
  currentIn(space: string): string | undefined {
    return this.current.get(space);
  }

  /** Has the microphone heard in `space` (and no longer in the space it was in). */
  async place(producer: types.Producer<ProducerAppData>, space: string): Promise<void> {
    if (producer.kind !== 'audio' || producer.closed) return;
    const before = this.placed.get(producer.id);
    if (before === space) return;
    if (before === undefined) producer.observer.once('close', () => this.placed.delete(producer.id));
    this.placed.set(producer.id, space);
    try {
      if (before !== undefined) await (await this.observers.get(before))?.removeProducer({ producerId: producer.id });
      await (await this.observerOf(space)).addProducer({ producerId: producer.id });
    } catch (error) {
      // The producer or the router closed meanwhile: there is nobody left to hear.
      this.logger.debug({ err: error, producer: producer.id }, 'a microphone could not be moved between speaker observers');
    }
  }

  private observerOf(space: string): Promise<types.ActiveSpeakerObserver> {
    let observer = this.observers.get(space);
    if (!observer) {
      observer = this.router.createActiveSpeakerObserver({ interval: SPEAKER_INTERVAL_MS }).then((created) => {
        created.on('dominantspeaker', ({ producer }) => {
          const participantId = (producer.appData as ProducerAppData).participantId;
          this.current.set(space, participantId);
          this.onDominant(space, participantId);
        });
        return created;
      });
      this.observers.set(space, observer);
    }
    return observer;
  }
}
