import type { CaseRecord, CaseWithSession, ParticipantRecord } from '../records.js';

type Row = Record<string, unknown>;

/** A case with its session and its latest issued agreement (the PDF itself stays unread). */
export const CASE_WITH_SESSION = `
  SELECT cases.*, sessions.id AS session_id, issued.document_number AS issued_number, issued.issued_at AS issued_at
  FROM cases
  JOIN sessions ON sessions.case_id = cases.id
  LEFT JOIN issued_agreements AS issued ON issued.document_number = (
    SELECT document_number FROM issued_agreements WHERE case_id = cases.id ORDER BY issued_at DESC LIMIT 1
  )`;

export const toCase = (r: Row): CaseWithSession => ({
  id: r.id as string,
  committeeId: r.committee_id as string,
  caseNumber: r.case_number as string,
  title: r.title as string,
  category: r.category as CaseRecord['category'],
  waitingRoom: r.waiting_room === true,
  createdBy: r.created_by as string,
  createdAt: r.created_at as string,
  regionPath: r.region_path as string,
  status: r.status as CaseRecord['status'],
  scheduledAt: (r.scheduled_at as string | null) ?? null,
  closedAt: (r.closed_at as string | null) ?? null,
  outcomeNote: r.outcome_note as string,
  sessionId: r.session_id as string,
  issued: r.issued_number ? { documentNumber: r.issued_number as string, issuedAt: r.issued_at as string } : null,
});

export const toParticipant = (r: Row): ParticipantRecord => ({
  id: r.id as string,
  sessionId: r.session_id as string,
  caseId: r.case_id as string,
  displayName: r.display_name as string,
  role: r.role as ParticipantRecord['role'],
  accountId: (r.account_id as string | null) ?? null,
  revokedAt: (r.revoked_at as string | null) ?? null,
  createdAt: r.created_at as string,
  linkGeneration: r.link_generation as number,
  contact: r.contact as string,
});
