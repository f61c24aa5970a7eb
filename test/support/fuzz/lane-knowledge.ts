import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import {
  AgreementField,
  ClientEvent,
  DraftDocument,
  fromBase64,
  NOTES_FIELD,
  ServerEvent,
  toBase64,
  type AgreementVersionSummary,
  type ConsumerInfo,
  type FrozenAgreement,
  type Role,
  type SigningState,
  type WelcomePayload,
} from '@mediation/shared';
import { TestSigner } from '../test-signer.js';
import { Prng } from './prng.js';

/** Who a fuzzing connection is, and the ids of the people around it. */
export interface LaneIdentity {
  participantId: string;
  name: string;
  role: Role;
  caseId: string;
  /** Everyone else of the connection's case. */
  otherParticipantIds: string[];
  /** The participants of the live session's case, which no fuzz input may touch. */
  liveParticipantIds: string[];
}

/**
 * What one fuzzing connection has learnt from the server (its transports, producers,
 * consumers, saved versions, the frozen agreement, its copies of the documents), used to
 * resolve the references in inputs (input-references.ts) when they are sent.
 */
export class LaneKnowledge {
  welcome: WelcomePayload | null = null;
  private readonly producers: string[] = [];
  private readonly consumers: string[] = [];
  private readonly versions: string[] = [];
  private frozen: FrozenAgreement | null = null;
  private readonly docs = new Map<string, Y.Doc>();
  private signer: TestSigner | null = null;
  private readonly prng: Prng;

  constructor(
    readonly identity: LaneIdentity,
    seed: number,
  ) {
    this.prng = new Prng(seed);
  }

  /** A new connection: transports and media are new, what was learnt of the case stays. */
  connected(welcome: WelcomePayload): void {
    this.welcome = welcome;
    this.producers.length = 0;
    this.consumers.length = 0;
  }

  /** A push from the server. */
  pushed(event: string, payload: unknown): void {
    const value = payload as Record<string, unknown> | null;
    if (event === ServerEvent.consumersAdded && Array.isArray(payload)) {
      for (const consumer of payload as ConsumerInfo[]) this.consumers.push(consumer.id);
    } else if (event === ServerEvent.versionSaved && value) {
      this.versions.push((value as unknown as AgreementVersionSummary).id);
    } else if (event === ServerEvent.signingState && value) {
      this.frozen = (value as unknown as SigningState).frozen;
    } else if (event === ServerEvent.draftSync && value && typeof value.message === 'string' && typeof value.document === 'string') {
      this.applySyncMessage(value.document, value.message);
    }
  }

  /** The acknowledgement of an event this connection sent. */
  answered(event: unknown, payload: unknown, answer: unknown): void {
    const { ok, data } = (answer ?? {}) as { ok?: boolean; data?: Record<string, unknown> };
    if (ok !== true || !data) return;
    if (event === ClientEvent.produce && typeof data.producerId === 'string') this.producers.push(data.producerId);
    if (event === ClientEvent.ready && Array.isArray(data.consumers)) for (const consumer of data.consumers as ConsumerInfo[]) this.consumers.push(consumer.id);
    if (event === ClientEvent.saveVersion && typeof data.id === 'string') this.versions.push(data.id);
    if (event === ClientEvent.listVersions && Array.isArray(data.versions)) for (const version of data.versions as AgreementVersionSummary[]) this.versions.push(version.id);
    if (event === ClientEvent.freezeAgreement && typeof data.agreementHash === 'string') this.frozen = data as unknown as FrozenAgreement;
    if (event === ClientEvent.draftSync && Array.isArray(data.replies)) {
      const document = (payload as { document?: unknown } | null)?.document;
      if (typeof document === 'string') for (const reply of data.replies) if (typeof reply === 'string') this.applySyncMessage(document, reply);
    }
  }

  /** The value a reference stands for on this connection now. */
  async lookUp(name: string): Promise<unknown> {
    const welcome = this.welcome;
    switch (name) {
      case 'sendTransportId':
        return welcome?.sendTransport?.id ?? 'no-send-transport';
      case 'recvTransportId':
        return welcome?.recvTransport.id ?? 'no-recv-transport';
      case 'producerId':
        return this.pickOr(this.producers, 'no-producer');
      case 'consumerId':
        return this.pickOr(this.consumers, 'no-consumer');
      case 'routerRtpCapabilities':
        return welcome?.routerRtpCapabilities ?? {};
      case 'frozenVersion':
        return this.frozen?.version ?? 1;
      case 'frozenHash':
        return this.frozen?.agreementHash ?? '0'.repeat(64);
      case 'versionId':
        return this.pickOr(this.versions, 'no-version');
      case 'clauseId':
        return this.pickOr(this.clauseIds(), 'no-clause');
      case 'selfId':
        return this.identity.participantId;
      case 'selfName':
        return this.identity.name;
      case 'otherParticipantId':
        return this.pickOr(this.identity.otherParticipantIds, 'no-one');
      case 'liveParticipantId':
        return this.pickOr(this.identity.liveParticipantIds, 'no-one');
      case 'publicKey':
        return (await this.ownSigner()).publicKey;
      case 'signature':
        return this.signature();
      default:
        if (name.startsWith('localEdit:')) return this.localEdit(name.slice('localEdit:'.length));
        // A reference a mutation changed is no reference any more: sent as the text it is.
        return name;
    }
  }

  private pickOr<T>(items: readonly T[], fallback: T): T {
    return items.length > 0 ? this.prng.pick(items) : fallback;
  }

  private async ownSigner(): Promise<TestSigner> {
    this.signer ??= await TestSigner.create();
    return this.signer;
  }

  /** This participant's own signature of the frozen version, as the browser would make it. */
  private async signature(): Promise<Uint8Array> {
    if (!this.frozen) return this.prng.bytes(64);
    const { participantId, name, role, caseId } = this.identity;
    return (await this.ownSigner()).signPayload(caseId, this.frozen, { participantId, name, role });
  }

  private doc(document: string): Y.Doc {
    let doc = this.docs.get(document);
    if (!doc) {
      doc = new Y.Doc();
      this.docs.set(document, doc);
    }
    return doc;
  }

  /**
   * Applies a sync message from the server to this connection's copy. The copy only helps
   * to make edits that apply; a message it cannot read (the server forwards what fuzzing
   * connections sent) leaves it as it was.
   */
  private applySyncMessage(document: string, message: string): void {
    try {
      const decoder = decoding.createDecoder(fromBase64(message));
      const type = decoding.readVarUint(decoder);
      if (type === syncProtocol.messageYjsSyncStep2 || type === syncProtocol.messageYjsUpdate) {
        Y.applyUpdate(this.doc(document), decoding.readVarUint8Array(decoder));
      }
    } catch {
      return;
    }
  }

  private clauseIds(): string[] {
    const clauses = this.doc(DraftDocument.agreement).getArray<Y.Map<unknown>>(AgreementField.clauses);
    return clauses.toArray().flatMap((clause) => {
      const id = clause instanceof Y.Map ? clause.get('id') : undefined;
      return typeof id === 'string' ? [id] : [];
    });
  }

  /** A real edit of this connection's copy of `document`, as an update message in base64. */
  private localEdit(document: string): string {
    const doc = this.doc(document);
    const before = Y.encodeStateVector(doc);
    try {
      const field = document === DraftDocument.agreement ? AgreementField.dispute : NOTES_FIELD;
      const fragment = doc.getXmlFragment(field);
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(`edit ${this.prng.int(1_000_000)}`)]);
      fragment.insert(this.prng.int(fragment.length + 1), [paragraph]);
    } catch {
      // The copy holds a root of another type under that name (a forwarded fuzz update): edit a text root instead.
      doc.getText('text').insert(0, 'edit');
    }
    const encoder = encoding.createEncoder();
    syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc, before));
    return toBase64(encoding.toUint8Array(encoder));
  }
}
