import { describe, expect, it } from 'vitest';
import { SERVICE_ACTOR, type AuditEntry } from '../../server/src/audit/audit-entry.js';
import { describeAuditData } from '../../server/src/signing/pdf/describe-audit-data.js';
import { issuedPdfLabels } from '../../server/src/signing/pdf/issued-pdf-labels.js';

const entry = (event: Pick<AuditEntry, 'type' | 'data'>) =>
  ({ caseId: 'c', sequence: 2, at: '2026-12-01T08:00:00.000Z', actor: SERVICE_ACTOR, previousHash: '', hash: '', ...event }) as AuditEntry;

const DESK_ENTRIES = [
  entry({ type: 'case.scheduled', data: { scheduledAt: '2026-12-08T01:30:00.000Z', from: 'intake' } }),
  entry({ type: 'case.outcome-recorded', data: { outcome: 'not-settled', note: '双方分歧较大', from: 'in-session' } }),
  entry({ type: 'case.status-changed', data: { from: 'scheduled', to: 'in-session', cause: 'room-opened' } }),
];

describe('the desk’s entries on the audit page of an issued agreement', () => {
  it('are named and worded in each language, in Beijing time, without status keys', () => {
    for (const language of ['zh-CN', 'en'] as const) {
      for (const desk of DESK_ENTRIES) {
        expect(issuedPdfLabels[language].auditTypes[desk.type]).toBeTruthy();
        const words = describeAuditData(desk, language);
        expect(words).not.toMatch(/in-session|not-settled|room-opened|intake/);
        expect(words.length).toBeGreaterThan(0);
      }
    }
    expect(describeAuditData(DESK_ENTRIES[0]!, 'zh-CN')).toBe('调解时间：2026-12-08 09:30');
    expect(describeAuditData(DESK_ENTRIES[1]!, 'en')).toBe('outcome: not settled; note: 双方分歧较大');
    expect(describeAuditData(DESK_ENTRIES[2]!, 'zh-CN')).toBe('已排期 → 调解中（调解室已开启）');
  });
});
