import * as Y from 'yjs';
import { NOTES_FIELD } from '@mediation/shared';

/** The text of a notes document's first paragraph, where the editors type; made on first use, as an editor does. */
export function firstParagraphText(doc: Y.Doc, field: string = NOTES_FIELD): Y.XmlText {
  const fragment = doc.getXmlFragment(field);
  if (fragment.length === 0) {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText()]);
    fragment.insert(0, [paragraph]);
  }
  return (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}
