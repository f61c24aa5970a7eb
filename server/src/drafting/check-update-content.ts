import * as Y from 'yjs';
import {
  documentStructure,
  ErrorCode,
  firstBidiControl,
  isCaseDocument,
  isRichTextMark,
  isRichTextNode,
  RICH_TEXT_SCHEMA,
  RichTextNode,
  type CaseDocument,
  type DraftDocument,
  type DraftStructure,
  type RichTextAttribute,
} from '@mediation/shared';
import { AppError } from '../errors/app-error.js';

/**
 * Refuses (DRAFT_UPDATE_INVALID) a member's Yjs update (v1) that the server's copy `doc` of
 * `document` could not take whole, or that would put into it anything the editors do not
 * make: the schema of shared/src/drafting/rich-text-schema.ts and the structure of
 * shared/src/drafting/draft-document-structure.ts, with no bidirectional control characters.
 * Call it before the update is applied, stored or forwarded, with `doc` holding every change
 * accepted before it.
 *
 * Why each rule: a browser's editor deletes what its schema does not know, which a reader may
 * not do (their deletion is refused, they resync, and again); what no browser shows would
 * still be sealed into the PDF; and an update the server's copy cannot integrate stays
 * pending there, so what is stored, forwarded and signed would differ.
 *
 * Where an item goes is known only once it is integrated, so this follows Yjs's own rules
 * (Item.getMissing): an item with an origin or a right origin goes where that neighbour is
 * (nowhere, if the neighbour was garbage-collected); one without either names its parent, a
 * root type or the item of a type. Neighbours and parents are looked up in the document or
 * earlier in the update's integration order, which is walked as Yjs walks it.
 */
export function checkUpdateContent(doc: Y.Doc, document: DraftDocument, update: Uint8Array): void {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    throw refuse('Not a Yjs update.');
  }
  new UpdateCheck(doc, document).check(decoded.structs, decoded.ds);
}

type Struct = Y.Item | Y.GC | Y.Skip;
type Content = Y.Item['content'];
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];
type MapStructure = Extract<DraftStructure, { kind: 'map' }>;
type ArrayStructure = Extract<DraftStructure, { kind: 'array' }>;

/** A type content can go into, as the structure and the schema see it. */
type Container =
  | { kind: 'map'; structure: MapStructure }
  | { kind: 'array'; structure: ArrayStructure }
  /** A Y.XmlElement, or the Y.XmlFragment that is the `doc` node. */
  | { kind: 'node'; node: RichTextNode }
  /** A Y.XmlText inside `node`. */
  | { kind: 'text'; node: RichTextNode };

/** Yjs turns an item into a GC struct when its neighbour or parent was garbage-collected: it holds nothing. */
const DROPPED = 'dropped';
type Dropped = typeof DROPPED;

/** Where an item goes: into a type, under a key (map entries, element attributes) or in its sequence. */
interface Placement {
  container: Container;
  key: string | null;
}

const DOCUMENT_NAMES: Record<CaseDocument, string> = {
  notes: 'the shared notes',
  agreement: 'the agreement',
  'private-notes': 'the private notes',
};

const PENDING = 'The change depends on changes the server does not have; reload the document and try again.';

class UpdateCheck {
  private readonly structure: Readonly<Record<string, DraftStructure>>;
  /** The update's structs by client, in clock order, and how many of each have been integrated. */
  private readonly clients = new Map<number, { structs: Struct[]; integrated: number }>();
  /** The clock each client has reached once the structs integrated so far are in. */
  private readonly reached = new Map<number, number>();
  private readonly placements = new Map<Y.Item, Placement | Dropped>();
  /** The container each type an update item creates is, once that item has been checked. */
  private readonly created = new Map<Y.Item, Container | Dropped>();
  private readonly containersOfTypes = new Map<Y.AbstractType<unknown>, Container>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly document: DraftDocument,
  ) {
    this.structure = documentStructure(document);
  }

  check(structs: Struct[], deletions: DeleteSet): void {
    for (const struct of structs) {
      const client = this.clients.get(struct.id.client);
      if (!client) {
        this.clients.set(struct.id.client, { structs: [struct], integrated: 0 });
        continue;
      }
      const previous = client.structs.at(-1)!;
      if (struct.id.clock !== previous.id.clock + previous.length) throw refuse('Not a Yjs update: its parts are out of order.');
      client.structs.push(struct);
    }
    this.integrateInOrder(structs.length);
    for (const [client, ranges] of deletions.clients) {
      const reached = this.reachedBy(client);
      if (ranges.some(({ clock, len }) => clock + len > reached)) {
        throw refuse('The change deletes content the server does not have; reload the document and try again.');
      }
    }
  }

  /**
   * Takes each client's structs in order, a struct once everything it refers to is in,
   * as Yjs integrates them: what can never be taken would stay pending in the document.
   */
  private integrateInOrder(count: number): void {
    let remaining = count;
    while (remaining > 0) {
      let progressed = false;
      for (const client of this.clients.values()) {
        while (client.integrated < client.structs.length) {
          const struct = client.structs[client.integrated]!;
          if (!(struct instanceof Y.Skip)) {
            const reached = this.reachedBy(struct.id.client);
            if (struct.id.clock > reached) throw refuse(PENDING);
            if (struct instanceof Y.Item) {
              if (this.waitsForAnotherClient(struct)) break;
              // A struct the document already holds is skipped by Yjs, its content unread.
              if (struct.id.clock + struct.length > reached) this.checkItem(struct);
            }
            this.reached.set(struct.id.client, Math.max(reached, struct.id.clock + struct.length));
          }
          client.integrated++;
          remaining--;
          progressed = true;
        }
      }
      if (!progressed) throw refuse('Not a Yjs update: its parts refer to each other in a circle.');
    }
  }

  /** Whether an item refers to a struct of another client that comes later in the update. */
  private waitsForAnotherClient(item: Y.Item): boolean {
    for (const id of [item.origin, item.rightOrigin, item.parent instanceof Y.ID ? item.parent : null]) {
      if (id === null) continue;
      if (id.client === item.id.client) {
        if (id.clock >= item.id.clock) throw refuse('Not a Yjs update: a part refers to a later part of its own.');
      } else if (id.clock >= this.reachedBy(id.client)) {
        if (this.updateStructAt(id)) return true;
        throw refuse(PENDING);
      }
    }
    return false;
  }

  private checkItem(item: Y.Item): void {
    const placement = this.placementOf(item);
    this.placements.set(item, placement);
    const content = item.content;
    if (placement === DROPPED || content instanceof Y.ContentDeleted) {
      this.created.set(item, DROPPED);
      return;
    }
    const created = this.checkContent(placement, content);
    if (created) this.created.set(item, created);
  }

  private placementOf(item: Y.Item): Placement | Dropped {
    if (item.origin || item.rightOrigin) {
      const left = item.origin && this.placementAt(item.origin);
      const right = item.rightOrigin && this.placementAt(item.rightOrigin);
      if (left === DROPPED || right === DROPPED) return DROPPED;
      return (left ?? right)!;
    }
    const parent = item.parent as string | Y.ID | null;
    if (typeof parent === 'string') return { container: this.rootContainer(parent), key: item.parentSub };
    if (parent === null) throw refuse('Not a Yjs update: a part has no place in the document.');
    const container = this.containerAt(parent);
    return container === DROPPED ? DROPPED : { container, key: item.parentSub };
  }

  /** Where the struct with this id went. */
  private placementAt(id: Y.ID): Placement | Dropped {
    if (id.clock < Y.getState(this.doc.store, id.client)) {
      const struct = Y.getItem(this.doc.store, id) as Y.Item | Y.GC;
      if (struct instanceof Y.GC) return DROPPED;
      return { container: this.containerOfType(struct.parent as Y.AbstractType<unknown>), key: struct.parentSub };
    }
    const struct = this.updateStructAt(id)!;
    return struct instanceof Y.Item ? this.placements.get(struct)! : DROPPED;
  }

  /** The type whose item has this id, as a container. */
  private containerAt(id: Y.ID): Container | Dropped {
    if (id.clock < Y.getState(this.doc.store, id.client)) {
      const struct = Y.getItem(this.doc.store, id) as Y.Item | Y.GC;
      if (struct instanceof Y.GC || struct.content instanceof Y.ContentDeleted) return DROPPED;
      if (!(struct.content instanceof Y.ContentType)) throw refuse('Not a Yjs update: a part’s parent is not a type.');
      return this.containerOfType(struct.content.type);
    }
    const struct = this.updateStructAt(id)!;
    if (!(struct instanceof Y.Item)) return DROPPED;
    const created = this.created.get(struct);
    if (!created) throw refuse('Not a Yjs update: a part’s parent is not a type.');
    return created;
  }

  /** What a type already in the document is, from its own kind and, for maps, arrays and fragments, its place. */
  private containerOfType(type: Y.AbstractType<unknown>): Container {
    let container = this.containersOfTypes.get(type);
    if (container) return container;
    const item = type._item;
    if (item === null) {
      container = this.rootContainer(Y.findRootTypeKey(type));
    } else if (type instanceof Y.XmlElement) {
      container = { kind: 'node', node: knownNode(type.nodeName) };
    } else if (type instanceof Y.XmlText) {
      const holder = item.parent;
      container = { kind: 'text', node: holder instanceof Y.XmlElement ? knownNode(holder.nodeName) : RichTextNode.doc };
    } else {
      const parent = this.containerOfType(item.parent as Y.AbstractType<unknown>);
      const structure = parent.kind === 'map' && item.parentSub !== null ? parent.structure.entries[item.parentSub] : parent.kind === 'array' ? parent.structure.items : undefined;
      if (!structure || structure.kind === 'string') throw refuse('The document holds a part outside its structure.');
      container = containerOf(structure);
    }
    this.containersOfTypes.set(type, container);
    return container;
  }

  private rootContainer(name: string): Container {
    const structure = Object.hasOwn(this.structure, name) ? this.structure[name] : undefined;
    if (!structure || structure.kind === 'string') {
      throw refuse(`The change writes “${name}”, which is not part of ${isCaseDocument(this.document) ? DOCUMENT_NAMES[this.document] : 'a private session’s notes'}.`);
    }
    return containerOf(structure);
  }

  /** Checks what an item puts into its place and returns the container it creates, if it is a type. */
  private checkContent({ container, key }: Placement, content: Content): Container | undefined {
    switch (container.kind) {
      case 'map': {
        const { name, entries } = container.structure;
        if (key === null) throw refuse(`The change adds unnamed content to ${name}, which holds named values only.`);
        const entry = Object.hasOwn(entries, key) ? entries[key] : undefined;
        if (!entry) throw refuse(`The change sets “${key}”, which ${name} does not have.`);
        return checkStructureValue(content, entry, `“${key}” of ${name}`);
      }
      case 'array':
        if (key !== null) throw refuse(`The change sets “${key}” on ${container.structure.name}, which is a list.`);
        return checkStructureValue(content, container.structure.items, `an entry of ${container.structure.name}`);
      case 'node':
        if (key !== null) {
          checkAttribute(container.node, key, content);
          return undefined;
        }
        return checkChild(container.node, content);
      case 'text':
        if (key !== null) throw refuse(`The change gives text an attribute “${key}”; text has none.`);
        checkTextContent(container.node, content);
        return undefined;
    }
  }

  private reachedBy(client: number): number {
    return this.reached.get(client) ?? Y.getState(this.doc.store, client);
  }

  /** The update's struct holding this id, if the update holds it. */
  private updateStructAt(id: Y.ID): Struct | undefined {
    const structs = this.clients.get(id.client)?.structs;
    if (!structs) return undefined;
    let low = 0;
    let high = structs.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const struct = structs[middle]!;
      if (id.clock < struct.id.clock) high = middle - 1;
      else if (id.clock >= struct.id.clock + struct.length) low = middle + 1;
      else return struct instanceof Y.Skip ? undefined : struct;
    }
    return undefined;
  }
}

function containerOf(structure: Exclude<DraftStructure, { kind: 'string' }>): Container {
  switch (structure.kind) {
    case 'map':
      return { kind: 'map', structure };
    case 'array':
      return { kind: 'array', structure };
    case 'richText':
      return { kind: 'node', node: RichTextNode.doc };
  }
}

/** A map's value or an array's entry: text, or a type of the kind the structure names. */
function checkStructureValue(content: Content, structure: DraftStructure, where: string): Container | undefined {
  if (structure.kind === 'string') {
    const value = singleValue(content);
    if (typeof value !== 'string') throw refuse(`The change sets ${where} to something other than text.`);
    if (structure.oneOf && !structure.oneOf.includes(value)) throw refuse(`The change sets ${where} to “${value}”, which it cannot be.`);
    refuseBidiControls(value, where);
    return undefined;
  }
  const expected = { map: Y.Map, array: Y.Array, richText: Y.XmlFragment }[structure.kind];
  if (!(content instanceof Y.ContentType) || content.type.constructor !== expected) {
    throw refuse(`The change puts ${describe(content)} in ${where}, which holds ${structure.kind === 'richText' ? 'rich text' : `a ${structure.kind}`}.`);
  }
  return containerOf(structure);
}

/** A child of a node: an element of a node it may hold, or text where it may hold text. */
function checkChild(node: RichTextNode, content: Content): Container {
  const children = RICH_TEXT_SCHEMA.nodes[node].children;
  if (content instanceof Y.ContentType && content.type.constructor === Y.XmlElement) {
    const name = (content.type as Y.XmlElement).nodeName;
    if (!isRichTextNode(name) || name === RichTextNode.doc || name === RichTextNode.text) {
      throw refuse(`The change holds a “${name}” element, which the editor does not have.`);
    }
    if (!children.includes(name)) throw refuse(`The change puts a “${name}” in a “${node}”, which cannot hold it.`);
    return { kind: 'node', node: name };
  }
  if (content instanceof Y.ContentType && content.type.constructor === Y.XmlText) {
    if (!children.includes(RichTextNode.text)) throw refuse(`The change puts text directly in a “${node}”, which holds no text of its own.`);
    return { kind: 'text', node };
  }
  throw refuse(`The change puts ${describe(content)} in a “${node}”, which the editor never does.`);
}

function checkAttribute(node: RichTextNode, key: string, content: Content): void {
  const attributes = RICH_TEXT_SCHEMA.nodes[node].attributes;
  const attribute = Object.hasOwn(attributes, key) ? attributes[key] : undefined;
  if (!attribute) throw refuse(`The change gives a “${node}” an attribute “${key}”, which it does not have.`);
  const value = singleValue(content);
  const where = `the “${key}” of a “${node}”`;
  // y-prosemirror stores only attributes that have a value; a stored null would be removed by every editor that shows it.
  if (value === null) throw refuse(`The change sets ${where} to null, which the editor never does.`);
  checkAttributeValue(attribute, value, where);
}

/** Text and its marks: y-prosemirror keeps each mark as a formatting attribute named after it, its value the mark's attributes (null where it ends). */
function checkTextContent(node: RichTextNode, content: Content): void {
  if (content instanceof Y.ContentString) {
    refuseBidiControls(content.str, 'text');
    return;
  }
  if (!(content instanceof Y.ContentFormat)) throw refuse(`The change puts ${describe(content)} in text, which the editor never does.`);
  // Marks that may overlap themselves would be stored as `name--hash`; none of the editor's may.
  const mark = content.key;
  if (!isRichTextMark(mark) || !RICH_TEXT_SCHEMA.nodes[node].marks.includes(mark)) {
    throw refuse(`The change formats text as “${mark}”, which the editor does not have.`);
  }
  const value: unknown = content.value;
  if (value === null) return;
  if (typeof value !== 'object' || Array.isArray(value)) throw refuse(`The change gives the “${mark}” mark a value the editor never does.`);
  const attributes = RICH_TEXT_SCHEMA.marks[mark].attributes;
  for (const [key, attributeValue] of Object.entries(value)) {
    const attribute = Object.hasOwn(attributes, key) ? attributes[key] : undefined;
    if (!attribute) throw refuse(`The change gives the “${mark}” mark an attribute “${key}”, which it does not have.`);
    checkAttributeValue(attribute, attributeValue, `the “${key}” of the “${mark}” mark`);
  }
}

function checkAttributeValue(attribute: RichTextAttribute, value: unknown, where: string): void {
  if (typeof value === 'string') refuseBidiControls(value, where);
  if (!attribute.isValid(value)) throw refuse(`The change sets ${where} to ${JSON.stringify(value) ?? String(value)}, which the editor never does.`);
}

/** The one plain value of a map entry or attribute, or undefined when it is anything else. */
function singleValue(content: Content): unknown {
  return content instanceof Y.ContentAny && content.arr.length === 1 ? content.arr[0] : undefined;
}

function refuseBidiControls(text: string, where: string): void {
  const control = firstBidiControl(text);
  if (control) {
    throw refuse(`The change puts an invisible text-direction character (${control}) in ${where}; it would make the text read differently in the signed PDF.`);
  }
}

function knownNode(name: string): RichTextNode {
  if (!isRichTextNode(name)) throw refuse(`The document holds a “${name}” element, which the editor does not have.`);
  return name;
}

function describe(content: Content): string {
  if (content instanceof Y.ContentType) {
    const type = content.type;
    if (type instanceof Y.XmlElement) return `a “${type.nodeName}” element`;
    if (type instanceof Y.XmlHook) return 'an XML hook';
    if (type instanceof Y.XmlText) return 'text';
    if (type instanceof Y.XmlFragment) return 'a rich-text fragment';
    if (type instanceof Y.Text) return 'a Y.Text';
    if (type instanceof Y.Map) return 'a map';
    if (type instanceof Y.Array) return 'a list';
    return 'a type';
  }
  if (content instanceof Y.ContentString) return 'text';
  if (content instanceof Y.ContentFormat) return 'formatting';
  if (content instanceof Y.ContentAny) return 'plain values';
  if (content instanceof Y.ContentEmbed) return 'an embedded object';
  if (content instanceof Y.ContentBinary) return 'binary data';
  if (content instanceof Y.ContentDoc) return 'a nested document';
  if (content instanceof Y.ContentJSON) return 'JSON values';
  return 'unknown content';
}

function refuse(message: string): AppError {
  return new AppError(ErrorCode.draftUpdateInvalid, message);
}
