/** The room's side panels, loaded apart from the rest: drafting (the editor) is most of the room's code. */
export const loadDraftingPanel = () => import('./drafting/DraftingPanel.vue');
export const loadSigningPanel = () => import('./signing/SigningPanel.vue');

/** Loads both ahead (during the device check), so that entering the room does not wait to parse them. */
export async function preloadRoomPanels(): Promise<void> {
  await Promise.all([loadDraftingPanel(), loadSigningPanel()]);
}
