import { describe, expect, it } from 'vitest';
import {
  BIDI_CONTROL_MESSAGE,
  containsBidiControl,
  CreateCaseRequest,
  firstBidiControl,
  MarkClauseRequest,
  SaveVersionRequest,
  SignAgreementRequest,
  stripBidiControls,
} from '@mediation/shared';

const CONTROLS = ['\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];

/** The message of the first issue of a refused parse. */
function refusal(result: { success: boolean; error?: { issues: { message: string }[] } }): string | undefined {
  return result.success ? undefined : result.error?.issues[0]?.message;
}

describe('bidirectional control characters', () => {
  it('are every mark, embedding, override and isolate, and nothing else', () => {
    for (const control of CONTROLS) expect(containsBidiControl(`a${control}b`)).toBe(true);
    // Zero-width joiners and non-joiners shape scripts; they reorder nothing.
    for (const other of ['\u200B', '\u200C', '\u200D', '\u2060', 'العربية', '中文', 'abc']) expect(containsBidiControl(other)).toBe(false);
  });

  it('are stripped, the rest of the text kept in its order', () => {
    expect(stripBidiControls(`\u202E1000\u202C 元 \u2067x\u2069`)).toBe('1000 元 x');
    expect(stripBidiControls('plain')).toBe('plain');
    expect(firstBidiControl('a\u2066b')).toBe('U+2066');
    expect(firstBidiControl('ab')).toBeNull();
  });

  it('are refused with a clear message in every free text printed into the signed agreement', () => {
    const rlo = '\u202E';
    const participants = [{ displayName: '王芳', role: 'applicant' }];
    expect(refusal(CreateCaseRequest.safeParse({ caseNumber: `A${rlo}1`, title: 't', category: 'other', participants }))).toBe(BIDI_CONTROL_MESSAGE);
    expect(refusal(CreateCaseRequest.safeParse({ caseNumber: 'A1', title: `t${rlo}`, category: 'other', participants }))).toBe(BIDI_CONTROL_MESSAGE);
    expect(
      refusal(CreateCaseRequest.safeParse({ caseNumber: 'A1', title: 't', category: 'other', participants: [{ displayName: `王${rlo}芳`, role: 'applicant' }] })),
    ).toBe(BIDI_CONTROL_MESSAGE);
    expect(refusal(MarkClauseRequest.safeParse({ clauseId: 'c', mark: 'object', comment: `pay ${rlo}0001` }))).toBe(BIDI_CONTROL_MESSAGE);
    expect(refusal(SaveVersionRequest.safeParse({ name: `v${rlo}1` }))).toBe(BIDI_CONTROL_MESSAGE);
    expect(refusal(SignAgreementRequest.pick({ typedName: true }).safeParse({ typedName: `Wang${rlo}` }))).toBe(BIDI_CONTROL_MESSAGE);

    expect(CreateCaseRequest.safeParse({ caseNumber: 'A1', title: 't', category: 'other', participants }).success).toBe(true);
    expect(MarkClauseRequest.safeParse({ clauseId: 'c', mark: 'agree' }).success).toBe(true);
    expect(SignAgreementRequest.pick({ typedName: true }).safeParse({ typedName: '王芳' }).success).toBe(true);
  });
});
