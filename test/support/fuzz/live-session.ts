import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import {
  AgreementField,
  agreementHash,
  agreementText,
  canonicalAgreement,
  ClientEvent,
  DraftDocument,
  fromBase64,
  NOTES_FIELD,
  Role,
  ServerEvent,
  toBase64,
  type CreatedCase,
  type FrozenAgreement,
  type SigningState,
  type VerificationReport,
} from '@mediation/shared';
import { linkOf, tokenOf } from '../create-test-case.js';
import { DraftingParticipant, notesPlainText } from '../drafting-participant.js';
import { waitUntil } from '../headless-participant.js';

/** The live session's own address: the fuzzing spends 127.0.0.1's verifications (limited per address). */
const LIVE_SESSION_ADDRESS = '198.51.100.7';
import { TestSigner, type SignerIdentity } from '../test-signer.js';
import { FREEZE_ANYWAY } from '../freeze-anyway.js';

const TYPED = {
  [Role.applicant]: '王芳：车辆维修费用共计人民币三千元。',
  [Role.respondent]: '李强：同意承担其中百分之七十。',
  privateNotes: '调解员笔记：双方情绪稳定，可以当场签署。',
  dispute: '双方于2026年1月5日在昆明市发生交通事故。',
};

/** What the session held when the fuzzing began: what must still be there when it ends. */
interface Expected {
  notes: string;
  privateNotes: string;
  agreementText: string;
  frozen: FrozenAgreement;
}

/**
 * A mediation going on beside the fuzzing, in a case of its own: the mediator and two
 * parties draft text, the mediator freezes the agreement, the applicant signs. After the
 * fuzzing the text must be exactly what it was, the signature still recorded, and the rest
 * of the session must go through to the issued PDF.
 */
export class LiveSession {
  private readonly signers = new Map<Role, TestSigner>();
  /** Pushes that arrived after the fuzzing began; nothing in this case changes meanwhile. */
  private readonly pushesDuringFuzzing: string[] = [];
  private fuzzing = false;
  private expected: Expected | null = null;
  private latestSigningState: SigningState | null = null;

  private constructor(
    private readonly url: string,
    private readonly cookie: string,
    readonly created: CreatedCase,
    private readonly people: Map<Role, DraftingParticipant>,
  ) {
    for (const [role, participant] of people) {
      participant.headless.socket.onAny((event: string, payload: unknown) => {
        if (this.fuzzing && !this.isOwnCaret(event, payload)) this.pushesDuringFuzzing.push(`${role} got ${event}: ${JSON.stringify(payload)?.slice(0, 200)}`);
      });
    }
    for (const participant of people.values()) participant.headless.socket.on(ServerEvent.signingState, (state) => (this.latestSigningState = state));
  }

  static async start(url: string, cookie: string, created: CreatedCase): Promise<LiveSession> {
    const people = new Map<Role, DraftingParticipant>();
    for (const role of [Role.mediator, Role.applicant, Role.respondent, Role.observer]) {
      people.set(role, await DraftingParticipant.join(url, linkOf(created, role), created.roomId));
    }
    const session = new LiveSession(url, cookie, created, people);
    await session.draftAndSignOnce();
    return session;
  }

  get participantIds(): string[] {
    return this.created.links.map((link) => link.participantId);
  }

  /** From now on, any push to the session's people is something the fuzzing caused. */
  fuzzingBegins(): void {
    this.fuzzing = true;
  }

  /** What is wrong with the session now; empty when it is as it was before the fuzzing. */
  async problems(): Promise<string[]> {
    this.fuzzing = false;
    const expected = this.expected!;
    const problems = this.pushesDuringFuzzing.slice(0, 10).map((push) => `during the fuzzing, ${push}`);
    for (const [role, participant] of this.people) {
      if (!participant.headless.socket.connected) problems.push(`the ${role} was disconnected (${participant.headless.closedWith?.code ?? 'no reason given'})`);
    }
    if (problems.some((problem) => problem.includes('disconnected'))) return problems;

    const mediator = this.person(Role.mediator);
    const notes = notesPlainText(await readServerDocument(mediator, DraftDocument.notes));
    if (notes !== expected.notes) problems.push(`the notes changed: ${JSON.stringify(notes.slice(0, 300))}`);
    const privateNotes = notesPlainText(await readServerDocument(mediator, DraftDocument.privateNotes));
    if (privateNotes !== expected.privateNotes) problems.push(`the private notes changed: ${JSON.stringify(privateNotes.slice(0, 300))}`);
    const agreement = canonicalAgreement(await readServerDocument(mediator, DraftDocument.agreement));
    if (agreementHash(agreement) !== expected.frozen.agreementHash) problems.push('the agreement no longer has the hash it was frozen with');
    if (agreementText(agreement) !== expected.agreementText) problems.push('the agreement text changed');

    const state = await this.person(Role.observer).headless.request(ClientEvent.getSigningState, {});
    if (state.frozen?.version !== expected.frozen.version || state.frozen.agreementHash !== expected.frozen.agreementHash) {
      problems.push(`the frozen version changed: ${JSON.stringify(state.frozen)}`);
    }
    const applicant = state.signers.find((signer) => signer.role === Role.applicant);
    if (applicant?.state !== 'signed') problems.push(`the applicant's signature is gone (state ${applicant?.state})`);
    const respondent = state.signers.find((signer) => signer.role === Role.respondent);
    if (respondent?.state === 'signed') problems.push('the respondent is recorded as signed without having signed');
    if (state.issued) problems.push('the agreement was issued before everyone signed');
    return problems;
  }

  /** Completes the session: the respondent and the mediator sign, the PDF is issued, downloaded and verified. */
  async complete(): Promise<string[]> {
    const problems: string[] = [];
    const frozen = this.expected!.frozen;
    for (const role of [Role.respondent, Role.mediator]) {
      const participant = this.person(role);
      await participant.headless.request(ClientEvent.consent, frozen);
      const request = await this.signer(role).request(this.created.caseId, frozen, this.identity(role), { seed: role.length });
      await participant.headless.request(ClientEvent.sign, request);
    }
    await waitUntil(() => this.latestSigningState?.issued != null, 30_000).catch(() => problems.push('the agreement was not issued within 30 s of the last signature'));
    const issued = this.latestSigningState?.issued;
    if (!issued) return problems;

    let issuedPdf: Uint8Array | null = null;
    for (const role of [Role.applicant, Role.respondent, Role.mediator]) {
      const response = await fetch(`${this.url}/api/cases/${this.created.caseId}/agreement.pdf`, {
        headers: { authorization: `Bearer ${tokenOf(linkOf(this.created, role).url)}` },
      });
      const pdf = Buffer.from(await response.arrayBuffer());
      if (response.status !== 200 || !pdf.subarray(0, 5).equals(Buffer.from('%PDF-'))) problems.push(`the ${role} could not download the PDF (${response.status})`);
      else issuedPdf = new Uint8Array(pdf);
    }
    const committeeCopy = await fetch(`${this.url}/api/cases/${this.created.caseId}/agreement.pdf`, { headers: { cookie: this.cookie } });
    if (committeeCopy.status !== 200) problems.push(`the committee could not download the PDF (${committeeCopy.status})`);
    if (issuedPdf) {
      const verified = await fetch(`${this.url}/api/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/pdf', 'x-forwarded-for': LIVE_SESSION_ADDRESS },
        body: Buffer.from(issuedPdf),
      });
      const report = (await verified.json()) as VerificationReport;
      if (!report.authentic || report.documentNumber !== issued.documentNumber) problems.push(`the issued PDF does not verify: ${JSON.stringify(report).slice(0, 200)}`);
    }
    // A party of the case sees who signed; anyone else only that the document exists.
    const party = { authorization: `Bearer ${tokenOf(linkOf(this.created, Role.applicant).url)}`, 'x-forwarded-for': LIVE_SESSION_ADDRESS };
    const lookUp = (await (await fetch(`${this.url}/api/verify/${issued.documentNumber}`, { headers: party })).json()) as VerificationReport;
    if (!lookUp.authentic || lookUp.signers.length === 0 || lookUp.signers.some((signer) => !signer.signatureValid)) {
      problems.push('the document number does not verify with every signature valid');
    }
    return problems;
  }

  close(): void {
    for (const participant of this.people.values()) participant.close();
  }

  /**
   * The session's own carets: each open document renews its awareness state every 15 s, so
   * the others get a draft:awareness of a client id of the session's own documents.
   */
  private isOwnCaret(event: string, payload: unknown): boolean {
    if (event !== ServerEvent.draftAwareness) return false;
    const own = new Set([...this.people.values()].flatMap((participant) => [...participant.providers.values()].map((provider) => provider.doc.clientID)));
    try {
      const decoder = decoding.createDecoder(fromBase64((payload as { update: string }).update));
      const count = decoding.readVarUint(decoder);
      for (let i = 0; i < count; i++) {
        if (!own.has(decoding.readVarUint(decoder))) return false;
        decoding.readVarUint(decoder);
        decoding.readVarString(decoder);
      }
      return true;
    } catch {
      return false;
    }
  }

  private person(role: Role): DraftingParticipant {
    return this.people.get(role)!;
  }

  private identity(role: Role): SignerIdentity {
    const link = linkOf(this.created, role);
    return { participantId: link.participantId, name: link.displayName, role };
  }

  private signer(role: Role): TestSigner {
    return this.signers.get(role)!;
  }

  private async draftAndSignOnce(): Promise<void> {
    const mediator = this.person(Role.mediator);
    const applicant = this.person(Role.applicant);
    const respondent = this.person(Role.respondent);
    await mediator.headless.request(ClientEvent.setPartyEditing, { allowed: true });
    await mediator.open(DraftDocument.agreement);
    await mediator.headless.request(ClientEvent.startAgreement, { category: 'road-traffic', language: 'zh-CN' });
    const privateNotes = await mediator.open(DraftDocument.privateNotes);
    appendParagraph(privateNotes.doc.getXmlFragment(NOTES_FIELD), TYPED.privateNotes);
    for (const [party, text] of [[applicant, TYPED[Role.applicant]], [respondent, TYPED[Role.respondent]]] as const) {
      const notes = await party.open(DraftDocument.notes);
      appendParagraph(notes.doc.getXmlFragment(NOTES_FIELD), text);
      await waitUntil(() => notes.status === 'saved', 15_000);
    }
    const agreement = await applicant.open(DraftDocument.agreement);
    appendParagraph(agreement.doc.getXmlFragment(AgreementField.dispute), TYPED.dispute);
    await waitUntil(() => agreement.status === 'saved' && privateNotes.status === 'saved', 15_000);

    for (const role of [Role.applicant, Role.respondent]) {
      await mediator.headless.request(ClientEvent.attestIdentity, { participantId: this.identity(role).participantId, documentType: 'resident-id-card', numberLastDigits: '123X' });
    }
    const frozen = await mediator.headless.request(ClientEvent.freezeAgreement, FREEZE_ANYWAY);
    for (const role of [Role.applicant, Role.respondent, Role.mediator]) this.signers.set(role, await TestSigner.create());
    await applicant.headless.request(ClientEvent.consent, frozen);
    await applicant.headless.request(ClientEvent.sign, await this.signer(Role.applicant).request(this.created.caseId, frozen, this.identity(Role.applicant)));

    const agreementDoc = await readServerDocument(mediator, DraftDocument.agreement);
    this.expected = {
      notes: notesPlainText(await readServerDocument(mediator, DraftDocument.notes)),
      privateNotes: notesPlainText(await readServerDocument(mediator, DraftDocument.privateNotes)),
      agreementText: agreementText(canonicalAgreement(agreementDoc)),
      frozen,
    };
    for (const text of [TYPED[Role.applicant], TYPED[Role.respondent]]) {
      if (!this.expected.notes.includes(text)) throw new Error(`the live session's notes lack what was typed: ${this.expected.notes}`);
    }
    if (agreementHash(canonicalAgreement(agreementDoc)) !== frozen.agreementHash) throw new Error('the live agreement does not hash to its frozen hash');
  }
}

function appendParagraph(fragment: Y.XmlFragment, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [paragraph]);
}

/** The server's copy of a document: sync step 1 from an empty document, answered with all of it. */
async function readServerDocument(participant: DraftingParticipant, document: DraftDocument): Promise<Y.Doc> {
  const encoder = encoding.createEncoder();
  syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  const answer = await participant.headless.send(ClientEvent.draftSync, { document, message: toBase64(encoding.toUint8Array(encoder)) });
  if (!answer.ok) throw new Error(`reading ${document} was refused: ${answer.error.code}`);
  const { replies } = answer.data as { replies: string[] };
  const doc = new Y.Doc();
  const decoder = decoding.createDecoder(fromBase64(replies[0]!));
  if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) throw new Error('the first reply to step 1 is not step 2');
  Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
  return doc;
}
