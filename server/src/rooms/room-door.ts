import { ErrorCode, MAX_PARTICIPANTS_PER_ROOM, type ErrorBody, type HeldSource, type LobbyEntry, type LobbyState, type SpacesState } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';
import { HeldSources } from './held-sources.js';
import { RoomSpaces } from './room-spaces.js';
import { ScreenSharePermits } from './screen-share-permits.js';

/**
 * What a door holds beyond its waiting connections, as plain data: kept in Redis for the node
 * that takes the room over, so that the people let in come back without waiting again.
 */
export interface DoorSnapshot {
  locked: boolean;
  admitted: string[];
  spaces: SpacesState;
  held: Record<string, HeldSource[]>;
  screenSharePermits: string[];
}

/** One person waiting in the lobby, on one connection. */
interface Waiting {
  entry: LobbyEntry;
  connectionId: string;
  admit: () => void;
  refuse: (reason: AppError) => void;
  /** Tells the waiting person whether someone who can let them in is in the room. */
  tell: (mediatorPresent: boolean) => void;
}

/**
 * Who may come into one room: the people waiting in its lobby, those the mediator has let
 * in during this session (who come back without waiting, after a dropped connection or a
 * reload), and whether the room is locked; and, once in, which space each person is in.
 * Every change of the lobby is reported through `onChange`, for the mediator's screen.
 */
export class RoomDoor {
  private lockedNow = false;
  private readonly admitted = new Set<string>();
  private readonly waiting = new Map<string, Waiting>();
  /** Where each person let in is: the main room or a caucus. */
  readonly spaces = new RoomSpaces();
  /** What the mediator has muted of each person. */
  readonly held = new HeldSources();
  /** Whom the mediator lets share their screen. */
  readonly screenSharePermits = new ScreenSharePermits();

  constructor(private readonly onChange: (state: LobbyState) => void) {}

  get locked(): boolean {
    return this.lockedNow;
  }

  state(): LobbyState {
    return { locked: this.lockedNow, waiting: [...this.waiting.values()].map((w) => w.entry) };
  }

  /** Whether the door holds nothing worth keeping: nobody waits, nobody was let in, not locked. */
  isIdle(): boolean {
    return !this.lockedNow && this.admitted.size === 0 && this.waiting.size === 0 && this.spaces.isEmpty && this.held.isEmpty && this.screenSharePermits.isEmpty;
  }

  snapshot(): DoorSnapshot {
    return {
      locked: this.lockedNow,
      admitted: [...this.admitted],
      spaces: this.spaces.state(),
      held: this.held.snapshot(),
      screenSharePermits: this.screenSharePermits.snapshot(),
    };
  }

  /** Takes over a snapshot made by another node; the people waiting there will wait here again. */
  restore(snapshot: DoorSnapshot): void {
    this.lockedNow = snapshot.locked;
    this.admitted.clear();
    for (const participantId of snapshot.admitted) this.admitted.add(participantId);
    this.spaces.restore(snapshot.spaces);
    this.held.restore(snapshot.held);
    this.screenSharePermits.restore(snapshot.screenSharePermits);
  }

  /** Let in earlier in this session: comes back without waiting, even while the room is locked. */
  wasAdmitted(participantId: string): boolean {
    return this.admitted.has(participantId);
  }

  /**
   * Someone who comes straight in (the mediator, or a case without a waiting room) passes
   * the lock too only if they may run the room or were let in before.
   */
  enterDirectly(participantId: string, runsRoom: boolean): void {
    if (!runsRoom && this.lockedNow && !this.admitted.has(participantId)) {
      throw new AppError(ErrorCode.roomLocked, 'The mediator has locked the room; nobody new can come in.');
    }
    this.admitted.add(participantId);
  }

  /**
   * Waits in the lobby until the mediator lets the person in (resolves) or turns them away,
   * removes them, ends the session, or they leave (rejects). The same person waiting on
   * another connection is replaced.
   */
  wait(entry: LobbyEntry, connectionId: string, tell: (mediatorPresent: boolean) => void = () => undefined): Promise<void> {
    if (this.admitted.has(entry.participantId)) return Promise.resolve();
    if (this.lockedNow) throw new AppError(ErrorCode.roomLocked, 'The mediator has locked the room; nobody new can come in.');
    const previous = this.waiting.get(entry.participantId);
    if (!previous && this.waiting.size >= MAX_PARTICIPANTS_PER_ROOM) {
      throw new AppError(ErrorCode.roomFull, `At most ${MAX_PARTICIPANTS_PER_ROOM} people wait in a lobby.`);
    }
    return new Promise<void>((admit, refuse) => {
      previous?.refuse(new AppError(ErrorCode.conflict, 'You joined from another window.'));
      this.waiting.set(entry.participantId, { entry, connectionId, admit, refuse, tell });
      this.onChange(this.state());
    });
  }

  /** Someone who runs the room came in, or the last one left: everyone waiting is told. */
  tellWaiting(mediatorPresent: boolean): void {
    for (const waiting of this.waiting.values()) waiting.tell(mediatorPresent);
  }

  /** A waiting person's connection reads better or worse than was known when they arrived. */
  updateQuality(participantId: string, connectionId: string, quality: LobbyEntry['quality']): void {
    const waiting = this.waiting.get(participantId);
    if (!waiting || waiting.connectionId !== connectionId) return;
    waiting.entry = { ...waiting.entry, quality };
    this.onChange(this.state());
  }

  /** Lets a waiting person in; NOT_FOUND when nobody of that id waits (already in, gone, never came). */
  admit(participantId: string): LobbyEntry {
    const waiting = this.take(participantId);
    this.admitted.add(participantId);
    waiting.admit();
    this.onChange(this.state());
    return waiting.entry;
  }

  turnAway(participantId: string): LobbyEntry {
    const waiting = this.take(participantId);
    waiting.refuse(new AppError(ErrorCode.turnedAway, 'The mediator did not let you in.'));
    this.onChange(this.state());
    return waiting.entry;
  }

  /** The waiting connection went away; another connection of the same person keeps its place. */
  leave(participantId: string, connectionId: string): void {
    const waiting = this.waiting.get(participantId);
    if (!waiting || waiting.connectionId !== connectionId) return;
    this.waiting.delete(participantId);
    waiting.refuse(new AppError(ErrorCode.conflict, 'You left the lobby.'));
    this.onChange(this.state());
  }

  setLocked(locked: boolean): void {
    this.lockedNow = locked;
    this.onChange(this.state());
  }

  /** The person may not come back: out of the lobby if they wait there, and no longer let in. */
  remove(participantId: string): void {
    this.admitted.delete(participantId);
    const waiting = this.waiting.get(participantId);
    if (waiting) {
      this.waiting.delete(participantId);
      waiting.refuse(new AppError(ErrorCode.removed, 'The mediator removed you from the room.'));
    }
    this.onChange(this.state());
  }

  /** The session is over: whoever waits is sent away, and the next session starts with an open, empty door. */
  end(reason: ErrorBody): void {
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    this.admitted.clear();
    this.spaces.clear();
    this.held.clear();
    this.screenSharePermits.clear();
    this.lockedNow = false;
    for (const w of waiting) w.refuse(new AppError(reason.code, reason.message));
    this.onChange(this.state());
  }

  private take(participantId: string): Waiting {
    const waiting = this.waiting.get(participantId);
    if (!waiting) throw new AppError(ErrorCode.notFound, 'Nobody of that name is waiting in the lobby.');
    this.waiting.delete(participantId);
    return waiting;
  }
}
