import type { types } from 'mediasoup';
import type { ConnectionQuality } from '@mediation/shared';
import type { Participant } from './participant.js';
import { qualityOfScores } from './quality-of-scores.js';

/**
 * At most one announcement of a person's quality in this long: on a shaky network scores
 * change every second or so, and a bar icon that flickers tells nobody anything.
 */
export const QUALITY_PUSH_INTERVAL_MS = 2_000;

/**
 * Each person's connection quality in a room, from mediasoup's scores of the streams they
 * send (their producers: their uplink) and receive (their consumers: their downlink).
 * A change is announced through `announce`, at most every QUALITY_PUSH_INTERVAL_MS per
 * person; whom it reaches (their space alone) is the room's to decide.
 */
export class ConnectionQualities {
  /** The latest score of each producer (its best encoding) and consumer, by id. */
  private readonly scores = new Map<string, number>();
  private readonly announced = new Map<string, ConnectionQuality>();
  private readonly announcedAt = new Map<string, number>();
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly announce: (participant: Participant, quality: ConnectionQuality) => void) {}

  watchProducer(owner: Participant, producer: types.Producer): void {
    // A simulcast producer is scored per layer; the sender's own bandwidth estimate may drop
    // the top layer, which says nothing against their connection while another gets through.
    producer.observer.on('score', (scores) => {
      this.scores.set(producer.id, Math.max(0, ...scores.map((stream) => stream.score)));
      this.changed(owner);
    });
    producer.observer.on('pause', () => this.changed(owner));
    producer.observer.on('resume', () => this.changed(owner));
    producer.observer.once('close', () => {
      this.scores.delete(producer.id);
      this.changed(owner);
    });
  }

  watchConsumer(viewer: Participant, consumer: types.Consumer): void {
    consumer.observer.on('score', ({ score }) => {
      this.scores.set(consumer.id, score);
      this.changed(viewer);
    });
    consumer.observer.on('layerschange', () => this.changed(viewer));
    consumer.observer.once('close', () => {
      this.scores.delete(consumer.id);
      this.changed(viewer);
    });
  }

  /** A person's quality now, from the streams that flow: paused ones are not scored. */
  qualityOf(participant: Participant): ConnectionQuality {
    const scores: number[] = [];
    const scoreOf = (id: string) => {
      const score = this.scores.get(id);
      if (score !== undefined) scores.push(score);
    };
    for (const producer of participant.producers.values()) if (!producer.paused) scoreOf(producer.id);
    let shortOfLayers = false;
    for (const consumer of participant.consumers.values()) {
      if (consumer.paused || consumer.producerPaused) continue;
      scoreOf(consumer.id);
      if (receivesLessThanSent(consumer)) shortOfLayers = true;
    }
    return qualityOfScores(scores, shortOfLayers);
  }

  /** What was last announced of a person: for whoever has just come into their space. */
  announcedOf(participantId: string): ConnectionQuality {
    return this.announced.get(participantId) ?? 'unknown';
  }

  forget(participantId: string): void {
    clearTimeout(this.pending.get(participantId));
    this.pending.delete(participantId);
    this.announced.delete(participantId);
    this.announcedAt.delete(participantId);
  }

  close(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  /** Announces a change now, or once QUALITY_PUSH_INTERVAL_MS has passed since the last one. */
  private changed(participant: Participant): void {
    if (participant.closed || this.pending.has(participant.id)) return;
    const wait = (this.announcedAt.get(participant.id) ?? -Infinity) + QUALITY_PUSH_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      this.announceIfChanged(participant);
      return;
    }
    this.pending.set(
      participant.id,
      setTimeout(() => {
        this.pending.delete(participant.id);
        this.announceIfChanged(participant);
      }, wait),
    );
  }

  private announceIfChanged(participant: Participant): void {
    if (participant.closed) return;
    const quality = this.qualityOf(participant);
    if (quality === this.announcedOf(participant.id)) return;
    this.announced.set(participant.id, quality);
    this.announcedAt.set(participant.id, Date.now());
    this.announce(participant, quality);
  }
}

/**
 * Whether a picture reaches the viewer on a lower layer than both their tile asks for and the
 * sender sends: the viewer's downlink is what holds it back. A sender whose own uplink or
 * processor drops the upper layers (their scores fall to 0) says nothing of the viewer.
 */
function receivesLessThanSent(consumer: types.Consumer): boolean {
  const { currentLayers, preferredLayers } = consumer;
  if (!currentLayers || !preferredLayers) return false;
  const highestSent = consumer.score.producerScores.findLastIndex((score) => score > 0);
  if (highestSent < 0) return false;
  return currentLayers.spatialLayer < Math.min(preferredLayers.spatialLayer, highestSent);
}
