import { describe, expect, it } from 'vitest';
import { DraftDocument, mayEdit, mayRead, ROLES, Role } from '@mediation/shared';

describe('who may read and edit the case documents', () => {
  it('lets the mediator edit every document whatever the switch says', () => {
    for (const document of Object.values(DraftDocument)) {
      expect(mayEdit(Role.mediator, document, false)).toBe(true);
    }
  });

  it('lets parties and representatives edit the shared documents only while allowed', () => {
    for (const role of [Role.applicant, Role.respondent, Role.representative]) {
      expect(mayEdit(role, DraftDocument.notes, true)).toBe(true);
      expect(mayEdit(role, DraftDocument.agreement, true)).toBe(true);
      expect(mayEdit(role, DraftDocument.notes, false)).toBe(false);
      expect(mayEdit(role, DraftDocument.agreement, false)).toBe(false);
    }
  });

  it('never lets observers or interpreters edit', () => {
    for (const role of [Role.observer, Role.interpreter]) {
      for (const document of Object.values(DraftDocument)) expect(mayEdit(role, document, true)).toBe(false);
    }
  });

  it('keeps the private notes to the mediator', () => {
    for (const role of ROLES) {
      expect(mayRead(role, DraftDocument.privateNotes)).toBe(role === Role.mediator);
      expect(mayEdit(role, DraftDocument.privateNotes, true)).toBe(role === Role.mediator);
      expect(mayRead(role, DraftDocument.notes)).toBe(true);
    }
  });
});
