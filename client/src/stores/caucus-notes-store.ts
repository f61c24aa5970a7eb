import { caucusNotesDocument, mayEditCaucusNotes, type CaucusNotesDocument, type CaucusNotesSummary } from '@mediation/shared';
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { useDraftingStore } from './drafting-store';
import { useRoomStore } from './room-store';

/** The room's pane of a caucus's notes: one, whichever caucus it shows. */
export const CAUCUS_NOTES_PANE = 'caucus-notes';

/** A caucus whose notes this person may look at. */
export interface CaucusNotesChoice {
  caucusId: string;
  document: CaucusNotesDocument;
  /** As the mediator named it; empty for a numbered one. */
  name: string;
  /** From 1, in the order the case's caucuses were opened: the same while open and once closed. */
  number: number;
  openedAt: string | null;
  closedAt: string | null;
}

/**
 * Which caucus's notes the room shows. A person in a caucus has its notes; the mediator has
 * those of the caucus they are in, and may look at those of any other caucus of the case,
 * open or closed (a closed caucus's notes are kept, read-only). The notes shown are the
 * only caucus notes kept open with the server.
 */
export const useCaucusNotesStore = defineStore('caucus-notes', () => {
  const room = useRoomStore();
  const drafting = useDraftingStore();
  /** Mediator: the case's caucuses as the server last listed them, closed ones included. */
  const listed = ref<CaucusNotesSummary[]>([]);
  /** Mediator: the caucus chosen to look at, until they go to another space. */
  const chosen = ref<string | null>(null);

  const openCaucuses = computed(() => room.spaces?.caucuses ?? []);

  /**
   * Each caucus's number: its place among the case's caucuses, oldest first, as the server lists
   * them to the mediator. A caucus opened since the list was fetched comes after them; a party,
   * who gets no list, numbers the open caucuses alone.
   */
  const numbers = computed(() => {
    const numbered = new Map(listed.value.map((summary, index) => [summary.caucusId, index + 1]));
    for (const caucus of openCaucuses.value) {
      if (!numbered.has(caucus.id)) numbered.set(caucus.id, numbered.size + 1);
    }
    return numbered;
  });

  function numberOf(caucusId: string): number {
    return numbers.value.get(caucusId) ?? 0;
  }

  const choices = computed<CaucusNotesChoice[]>(() => {
    if (!room.self) return [];
    const open = openCaucuses.value.map((caucus) => {
      const summary = listed.value.find((s) => s.caucusId === caucus.id);
      return { caucusId: caucus.id, document: caucusNotesDocument(caucus.id), name: caucus.name, number: numberOf(caucus.id), openedAt: summary?.openedAt ?? null, closedAt: null };
    });
    if (!room.runsRoom) return open.filter((choice) => choice.caucusId === room.mySpace);
    const closed = listed.value
      .filter((summary) => summary.closedAt !== null && !openCaucuses.value.some((caucus) => caucus.id === summary.caucusId))
      .map((summary) => ({
        caucusId: summary.caucusId,
        document: summary.document,
        name: summary.name,
        number: numberOf(summary.caucusId),
        openedAt: summary.openedAt,
        closedAt: summary.closedAt,
      }))
      .reverse();
    return [...open, ...closed];
  });

  const viewed = computed<CaucusNotesChoice | null>(
    () =>
      choices.value.find((choice) => choice.caucusId === chosen.value) ??
      choices.value.find((choice) => choice.caucusId === room.mySpace) ??
      choices.value[0] ??
      null,
  );
  const document = computed(() => viewed.value?.document ?? null);
  /** While the caucus is open, by those who may edit the shared notes; its members' membership the server checks. */
  const mayEdit = computed(() => viewed.value !== null && viewed.value.closedAt === null && room.self !== null && mayEditCaucusNotes(room.self.role));

  function choose(caucusId: string): void {
    chosen.value = caucusId;
  }

  async function refreshList(): Promise<void> {
    if (!room.runsRoom) return;
    const caucuses = await drafting.listCaucusNotes();
    if (caucuses) listed.value = caucuses;
  }

  // Going to another space, the mediator sees that space's notes again.
  watch(
    () => room.mySpace,
    () => (chosen.value = null),
  );
  // A caucus opened or closed: the list of those with notes changed.
  watch(
    () => [room.runsRoom, drafting.member !== null, openCaucuses.value.map((caucus) => caucus.id).join()] as const,
    ([runsRoom, attached]) => {
      if (runsRoom && attached) void refreshList();
      if (!attached) listed.value = [];
    },
    { immediate: true },
  );
  watch([document, () => drafting.member], ([shown]) => drafting.showCaucusNotes(shown), { immediate: true });

  return { choices, viewed, document, mayEdit, choose, numberOf };
});
