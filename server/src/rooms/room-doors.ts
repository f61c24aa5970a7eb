import { ErrorCode, ParticipantAction, roleMay, ServerEvent } from '@mediation/shared';
import { RoomDoor } from './room-door.js';
import type { RoomRegistry } from './room-registry.js';

/**
 * How long a room's door remembers who was let in after its last participant left without
 * the session being ended: long enough for everyone to come back after a break or a crash.
 */
export const ADMISSION_MEMORY_MS = 4 * 3600_000;

/** The doors of this process's rooms, made on first use; each tells the room's mediators of its changes. */
export class RoomDoors {
  private readonly doors = new Map<string, RoomDoor>();
  private readonly forgetting = new Map<string, NodeJS.Timeout>();
  private readonly forgottenListeners: ((caseId: string) => void)[] = [];

  constructor(private readonly rooms: RoomRegistry) {
    rooms.onClosed((roomId, caseId) => this.forgetLater(roomId, caseId));
  }

  /**
   * Told of each case whose room's door was forgotten after ADMISSION_MEMORY_MS without anyone
   * back: whatever private session was open then is over, as if the session had been ended.
   */
  onForgotten(listener: (caseId: string) => void): void {
    this.forgottenListeners.push(listener);
  }

  of(roomId: string): RoomDoor {
    clearTimeout(this.forgetting.get(roomId));
    this.forgetting.delete(roomId);
    let door = this.doors.get(roomId);
    if (!door) {
      door = new RoomDoor((state) => {
        for (const participant of this.rooms.find(roomId)?.participants.values() ?? []) {
          if (participant.welcomed && roleMay(participant.identity.role, ParticipantAction.admitFromLobby)) {
            participant.sink.emit(ServerEvent.lobbyState, state);
          }
        }
      });
      this.doors.set(roomId, door);
    }
    return door;
  }

  /** The door of the room, if this process has one. */
  find(roomId: string): RoomDoor | undefined {
    return this.doors.get(roomId);
  }

  /** The person's link was withdrawn: out of the lobby and the room at once, wherever they are. */
  sendAway(roomId: string, participantId: string): void {
    this.doors.get(roomId)?.remove(participantId);
    this.rooms.find(roomId)?.participants.get(participantId)?.sink.disconnect({
      code: ErrorCode.removed,
      message: 'Your join link was withdrawn.',
    });
  }

  /** Doors in memory now (for metrics and tests). */
  get size(): number {
    return this.doors.size;
  }

  private forgetLater(roomId: string, caseId: string): void {
    clearTimeout(this.forgetting.get(roomId));
    const timer = setTimeout(() => {
      this.forgetting.delete(roomId);
      const door = this.doors.get(roomId);
      // Someone still waiting keeps the door: the mediator will find them on coming back.
      if (!door || door.state().waiting.length > 0) return;
      this.doors.delete(roomId);
      for (const listener of this.forgottenListeners) listener(caseId);
    }, ADMISSION_MEMORY_MS);
    timer.unref();
    this.forgetting.set(roomId, timer);
  }

  /** The door is back to nothing (the session ended): it need not be kept. */
  forgetIfIdle(roomId: string): void {
    if (this.doors.get(roomId)?.isIdle()) this.doors.delete(roomId);
  }
}
