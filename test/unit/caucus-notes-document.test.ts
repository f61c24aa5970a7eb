import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CAUCUS_NOTES_NAME_LENGTH,
  caucusIdOf,
  caucusNotesDocument,
  clientPayloadSchemas,
  ClientEvent,
  DraftDocumentName,
} from '@mediation/shared';

const CAUCUS_ID = randomUUID();

describe('the name of a caucus’s notes document', () => {
  it('is caucus: and the caucus’s id, and gives the id back', () => {
    const document = caucusNotesDocument(CAUCUS_ID);
    expect(document).toBe(`caucus:${CAUCUS_ID}`);
    expect(document).toHaveLength(CAUCUS_NOTES_NAME_LENGTH);
    expect(caucusIdOf(document)).toBe(CAUCUS_ID);
  });

  it('is accepted beside the case’s own documents', () => {
    for (const name of ['notes', 'agreement', 'private-notes', caucusNotesDocument(CAUCUS_ID)]) {
      expect(DraftDocumentName.safeParse(name).success, name).toBe(true);
    }
  });

  it('is refused in any other form: no id, another id form, upper case, extra characters, another prefix, too long', () => {
    const forged = [
      'caucus:',
      'caucus:main',
      'caucus:no-such-caucus',
      `caucus:${CAUCUS_ID.toUpperCase()}`,
      `caucus:${CAUCUS_ID}x`,
      `caucus:${CAUCUS_ID}\n`,
      ` caucus:${CAUCUS_ID}`,
      `caucus:${CAUCUS_ID.replaceAll('-', '')}`,
      `caucus:../${CAUCUS_ID}`,
      `Caucus:${CAUCUS_ID}`,
      `notes:${CAUCUS_ID}`,
      `caucus:${CAUCUS_ID}`.padEnd(10_000, '0'),
      'caucus:'.repeat(10),
    ];
    for (const name of forged) expect(DraftDocumentName.safeParse(name).success, JSON.stringify(name)).toBe(false);
  });

  it('is checked in every message that names a document', () => {
    const message = 'AAE=';
    expect(clientPayloadSchemas[ClientEvent.draftSync].safeParse({ document: caucusNotesDocument(CAUCUS_ID), message }).success).toBe(true);
    expect(clientPayloadSchemas[ClientEvent.draftSync].safeParse({ document: 'caucus:forged', message }).success).toBe(false);
    expect(clientPayloadSchemas[ClientEvent.draftPush].safeParse({ document: 'caucus:forged', message }).success).toBe(false);
    expect(clientPayloadSchemas[ClientEvent.draftAwareness].safeParse({ document: 'caucus:forged', update: message }).success).toBe(false);
  });
});
