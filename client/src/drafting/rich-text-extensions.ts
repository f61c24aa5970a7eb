import type { Extensions } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import StarterKit from '@tiptap/starter-kit';
import type * as Y from 'yjs';
import type { CaretUser } from '../stores/drafting-store';
import type { DraftProvider } from './draft-provider';
import { RichTextInputFilter } from './rich-text-input-filter';

/** What one editor is bound to. */
export interface RichTextBinding {
  /** The rich-text part of a document the editor shows and changes. */
  fragment: Y.XmlFragment;
  provider: DraftProvider;
  user: CaretUser;
  placeholder: () => string;
}

/**
 * Every extension of the drafting editors. Their schema is exactly shared/'s
 * RICH_TEXT_SCHEMA (client/test/rich-text-extensions.test.ts holds them to it): the server
 * refuses anything else, so a node, mark or attribute added here must be added there too.
 */
export function richTextExtensions(binding: RichTextBinding): Extensions {
  return [
    StarterKit.configure({
      // Collaboration brings its own undo, limited to one's own changes.
      undoRedo: false,
      // Both would change the document on their own, which a reader may not do.
      trailingNode: false,
      link: false,
      // The agreement is plain prose: paragraphs, lists, bold, italic, strike-through, underline.
      heading: false,
      codeBlock: false,
      code: false,
      horizontalRule: false,
      blockquote: false,
    }),
    RichTextInputFilter,
    Collaboration.configure({ fragment: binding.fragment }),
    CollaborationCaret.configure({ provider: binding.provider, user: binding.user }),
    Placeholder.configure({ placeholder: binding.placeholder }),
  ];
}
