import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ADMISSION_MEMORY_MS, RoomDoors } from '../../server/src/rooms/room-doors.js';
import type { RoomRegistry } from '../../server/src/rooms/room-registry.js';

/** A registry that closes rooms when told, with nobody in them. */
function closingRegistry() {
  const listeners: ((roomId: string, caseId: string) => void)[] = [];
  const registry = {
    onClosed: (listener: (roomId: string, caseId: string) => void) => listeners.push(listener),
    find: () => undefined,
  } as unknown as RoomRegistry;
  return { registry, close: (roomId: string, caseId: string) => listeners.forEach((listener) => listener(roomId, caseId)) };
}

describe('RoomDoors', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('forgets a door ADMISSION_MEMORY_MS after its room closed, and says whose case it was', async () => {
    const { registry, close } = closingRegistry();
    const doors = new RoomDoors(registry);
    const forgotten: string[] = [];
    doors.onForgotten((caseId) => forgotten.push(caseId));
    doors.of('room-1').enterDirectly('p-1', false);
    close('room-1', 'case-1');
    await vi.advanceTimersByTimeAsync(ADMISSION_MEMORY_MS - 1000);
    expect(forgotten).toEqual([]);
    expect(doors.size).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(forgotten).toEqual(['case-1']);
    expect(doors.size).toBe(0);
  });

  it('keeps the door of someone back in time, and that of someone still waiting', async () => {
    const { registry, close } = closingRegistry();
    const doors = new RoomDoors(registry);
    const forgotten: string[] = [];
    doors.onForgotten((caseId) => forgotten.push(caseId));
    close('room-1', 'case-1');
    await vi.advanceTimersByTimeAsync(ADMISSION_MEMORY_MS / 2);
    doors.of('room-1'); // someone came back
    void doors.of('room-2').wait({ participantId: 'p-2', name: 'P', role: 'applicant', since: '', devices: null, quality: 'unknown' }, 'c-2');
    close('room-2', 'case-2');
    await vi.advanceTimersByTimeAsync(ADMISSION_MEMORY_MS * 2);
    expect(forgotten).toEqual([]);
    expect(doors.size).toBe(2);
  });
});
