import { randomUUID } from 'node:crypto';
import { ErrorCode, MAIN_SPACE, MAX_CAUCUSES_PER_ROOM, type Caucus, type SpacesState } from '@mediation/shared';
import { AppError } from '../errors/app-error.js';

/**
 * Where each person of one room is: the main room, or one of the private caucuses the
 * mediator has opened. Kept by participant, not by connection, so a person whose
 * connection drops comes back to the space they were in.
 */
export class RoomSpaces {
  private readonly caucuses = new Map<string, Caucus>();
  private readonly placeOf = new Map<string, string>();

  spaceOf(participantId: string): string {
    return this.placeOf.get(participantId) ?? MAIN_SPACE;
  }

  has(space: string): boolean {
    return space === MAIN_SPACE || this.caucuses.has(space);
  }

  get isEmpty(): boolean {
    return this.caucuses.size === 0;
  }

  state(): SpacesState {
    return { caucuses: [...this.caucuses.values()], placeOf: Object.fromEntries(this.placeOf) };
  }

  /** Opens a caucus with `memberIds`, who are moved into it. */
  open(name: string, memberIds: readonly string[]): Caucus {
    if (this.caucuses.size >= MAX_CAUCUSES_PER_ROOM) {
      throw new AppError(ErrorCode.conflict, `At most ${MAX_CAUCUSES_PER_ROOM} private sessions are open at once.`);
    }
    const caucus: Caucus = { id: randomUUID(), name, memberIds: [...new Set(memberIds)] };
    this.caucuses.set(caucus.id, caucus);
    for (const id of caucus.memberIds) this.placeOf.set(id, caucus.id);
    return caucus;
  }

  /** Puts a person in a space; moved into a caucus, they become one of its members. */
  move(participantId: string, space: string): void {
    const caucus = this.caucuses.get(space);
    if (space !== MAIN_SPACE && !caucus) throw new AppError(ErrorCode.notFound, 'No such private session.');
    if (caucus && !caucus.memberIds.includes(participantId)) caucus.memberIds = [...caucus.memberIds, participantId];
    if (space === MAIN_SPACE) this.placeOf.delete(participantId);
    else this.placeOf.set(participantId, space);
  }

  /** Closes a caucus; whoever was in it is back in the main room. Returns who moved. */
  close(caucusId: string): string[] {
    if (!this.caucuses.delete(caucusId)) throw new AppError(ErrorCode.notFound, 'No such private session.');
    const moved = [...this.placeOf].filter(([, space]) => space === caucusId).map(([id]) => id);
    for (const id of moved) this.placeOf.delete(id);
    return moved;
  }

  /** Puts back the spaces of a snapshot (`state()`), as the node that takes the room over does. */
  restore(snapshot: SpacesState): void {
    this.clear();
    for (const caucus of snapshot.caucuses) this.caucuses.set(caucus.id, { ...caucus, memberIds: [...caucus.memberIds] });
    for (const [participantId, space] of Object.entries(snapshot.placeOf)) this.placeOf.set(participantId, space);
  }

  /** Everyone back in the main room, every caucus closed (the session ended). */
  clear(): void {
    this.caucuses.clear();
    this.placeOf.clear();
  }
}
