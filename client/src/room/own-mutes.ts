import type { LocalSource } from './local-media';

/** Per room, in this tab: what the person muted themselves, kept across a reload. */
const key = (roomId: string) => `mediation-room.own-mutes.${roomId}`;

export type OwnMutes = Record<LocalSource, boolean>;

/** What the person had muted in this room before the page was reloaded; nothing for a first visit. */
export function readOwnMutes(roomId: string): OwnMutes {
  try {
    const kept = JSON.parse(sessionStorage.getItem(key(roomId)) ?? '{}') as Partial<OwnMutes>;
    return { microphone: kept.microphone === true, camera: kept.camera === true };
  } catch {
    return { microphone: false, camera: false };
  }
}

export function keepOwnMutes(roomId: string, mutes: OwnMutes): void {
  try {
    sessionStorage.setItem(key(roomId), JSON.stringify(mutes));
  } catch {
    // Storage refused (private mode, full): a reload then starts unmuted, as before.
  }
}
