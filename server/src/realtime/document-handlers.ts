import type { DocumentHandlerMap } from './handler-context.js';
import { doorHandlers } from './door-handlers.js';
import { draftingHandlers } from './drafting-handlers.js';
import { signingHandlers } from './signing-handlers.js';

/** One handler per document event; the compiler reports a missing one. */
export const documentHandlers: DocumentHandlerMap = {
  ...draftingHandlers,
  ...signingHandlers,
  ...doorHandlers,
};
