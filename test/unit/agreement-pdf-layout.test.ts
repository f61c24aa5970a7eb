import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { agreementLabels, isCanonicalText, type AgreementLanguage, type CanonicalNode } from '@mediation/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommitteeCredentials } from '../../server/src/signing/certificates/committee-credentials.js';
import type { AgreementPdfInput } from '../../server/src/signing/pdf/agreement-pdf-input.js';
import { loadOrCreateCommitteeCredentials } from '../../server/src/signing/certificates/load-or-create-committee-credentials.js';
import { FileKeptSecrets } from '../../server/src/store/files/file-kept-secrets.js';
import { issueAgreementPdf } from '../../server/src/signing/pdf/issue-agreement-pdf.js';
import { beijingTime, issuedPdfLabels, roleLabel } from '../../server/src/signing/pdf/issued-pdf-labels.js';
import { PAGE_BOTTOM, WHOLE_BLOCKS, type PlacedBlock } from '../../server/src/signing/pdf/page-flow.js';
import { FIXTURE_COMMITTEE } from '../support/agreement-pdf-fixture.js';
import { poppler } from '../support/poppler.js';
import { variedAgreementPdfInput, type AgreementShape } from '../support/varied-agreement-pdf-input.js';

interface Line {
  page: number;
  xMin: number;
  yMin: number;
  text: string;
}

/** Every line of the PDF as Poppler lays it out, with its page and position. */
async function linesOf(pdf: Buffer): Promise<Line[]> {
  const xhtml = await poppler('pdftotext', pdf, ['-bbox-layout']);
  const lines: Line[] = [];
  xhtml.split(/<page /).slice(1).forEach((page, index) => {
    for (const [, attributes, body] of page.matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)) {
      const words = [...body!.matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map(([, text]) => unescape(text!));
      const [, xMin, yMin] = /xMin="([\d.]+)" yMin="([\d.]+)"/.exec(attributes!)!;
      lines.push({ page: index + 1, xMin: Number(xMin), yMin: Number(yMin), text: words.join(' ') });
    }
  });
  return lines;
}

const unescape = (text: string) => text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
const squeezed = (text: string) => text.replace(/\s+/g, '');

/** The text a clause's first line starts with. */
function firstText(nodes: CanonicalNode[]): string {
  for (const node of nodes) {
    const text = isCanonicalText(node) ? node.text : firstText(node.content);
    if (text) return text;
  }
  return '';
}

/** Each clause count once per language, the signer count cycling 2 to 8, the audit's length and the names' varying with it. */
function shapeOf(language: AgreementShape['language'], clauses: number): AgreementShape {
  return { language, clauses, signers: 2 + ((clauses - 1) % 7), auditEntries: 8 + ((clauses * 7) % 33), longNames: clauses % 3 === 0 };
}

const SHAPES = (['zh-CN', 'en'] as const).flatMap((language) => Array.from({ length: 40 }, (_, index) => shapeOf(language, index + 1)));
/** pdfkit's positions are sums of floating-point heights. */
const EPSILON = 0.01;

describe('the issued agreement PDF keeps together what belongs together', () => {
  let dataDir: string;
  let credentials: CommitteeCredentials;
  const started = performance.now();

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'agreement-pdf-layout-'));
    credentials = await loadOrCreateCommitteeCredentials(new FileKeptSecrets(dataDir), { id: 'c0mmittee-1', name: FIXTURE_COMMITTEE });
  });
  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
    console.info(`agreement PDF layout: ${SHAPES.length} agreements issued and checked in ${Math.round(performance.now() - started)} ms`);
  });

  it.each(SHAPES)(
    'a $language agreement of $clauses clauses, $signers signers and $auditEntries audit entries (long names: $longNames) splits nothing and leaves nothing alone',
    async (shape) => {
      const input = variedAgreementPdfInput(shape);
      let blocks: readonly PlacedBlock[] = [];
      const pdf = await issueAgreementPdf(input, credentials, (placed) => (blocks = placed));

      expect(blocks.filter((block) => block.kind === 'heading')).toHaveLength(5);
      expect(blocks.filter((block) => block.kind === 'party')).toHaveLength(input.agreement.parties.length);
      expect(blocks.filter((block) => block.kind === 'clause')).toHaveLength(shape.clauses);
      expect(blocks.filter((block) => block.kind === 'signature-row')).toHaveLength(Math.ceil(shape.signers / 2));
      expect(blocks.filter((block) => block.kind === 'audit-entry')).toHaveLength(shape.auditEntries);
      expectEveryBlockWithinTheMarginAndWhole(blocks);
      expectEachBlockKeptWithTheNextOnItsPage(blocks);
      expectTheSealWithTheLastTwoRowsOfSignatures(blocks);
      expectTheFiguresWholeWithTheLastAuditEntry(blocks);
      expectNoPageHoldingOneBlockAlone(blocks);

      const lines = await linesOf(pdf);
      expectIssuedAtBesideItsValue(lines, input, shape.language);
      expectEachBoxTitleOnThePageOfItsKey(lines, input, shape.language);
      expectEachClauseNumberLevelWithItsFirstLine(lines, input, shape.language);
    },
  );

});

const described = (block: PlacedBlock) =>
  `${block.kind} on page ${block.page + 1} at ${block.top.toFixed(1)}–${block.bottom.toFixed(1)} (kept ${block.kept.toFixed(1)})`;

/** No block crosses the bottom margin, a whole block stays on one page, and what was measured before drawing covers what was drawn. */
function expectEveryBlockWithinTheMarginAndWhole(blocks: readonly PlacedBlock[]): void {
  for (const block of blocks) {
    expect(block.top + block.kept, `the kept part of ${described(block)}`).toBeLessThanOrEqual(PAGE_BOTTOM + EPSILON);
    if (!WHOLE_BLOCKS.has(block.kind)) continue;
    expect(block.lastPage, `${described(block)} split`).toBe(block.page);
    expect(block.bottom, `${described(block)} below the margin`).toBeLessThanOrEqual(PAGE_BOTTOM + EPSILON);
    expect(block.bottom - block.top, `${described(block)} taller than measured`).toBeLessThanOrEqual(block.kept + EPSILON);
  }
}

/** A heading, the audit intro and the last audit entry share a page with the block after them. */
function expectEachBlockKeptWithTheNextOnItsPage(blocks: readonly PlacedBlock[]): void {
  for (const [index, block] of blocks.entries()) {
    if (block.kind === 'heading') expect(block.keepWithNext).toBe(true);
    if (block.keepWithNext) expect(blocks[index + 1]?.page, `the block after ${described(block)}`).toBe(block.lastPage);
  }
}

/** The seal's page holds the last two rows of signatures, or the only one. */
function expectTheSealWithTheLastTwoRowsOfSignatures(blocks: readonly PlacedBlock[]): void {
  const [seal, ...moreSeals] = blocks.filter((block) => block.kind === 'seal');
  expect(moreSeals).toHaveLength(0);
  const lastRows = blocks.filter((block) => block.kind === 'signature-row').slice(-2);
  expect(lastRows.map((row) => row.page)).toEqual(lastRows.map(() => seal!.page));
}

function expectTheFiguresWholeWithTheLastAuditEntry(blocks: readonly PlacedBlock[]): void {
  const [table, ...moreTables] = blocks.filter((block) => block.kind === 'figure-table');
  expect(moreTables).toHaveLength(0);
  expect(table!.lastPage).toBe(table!.page);
  expect(table!.page).toBe(blocks.filter((block) => block.kind === 'audit-entry').at(-1)!.page);
}

/** Every page starts at least two blocks, unless text flows onto it from the page before. */
function expectNoPageHoldingOneBlockAlone(blocks: readonly PlacedBlock[]): void {
  const pages = Math.max(...blocks.map((block) => block.lastPage)) + 1;
  for (let page = 0; page < pages; page++) {
    const flowingIn = blocks.some((block) => block.page < page && block.lastPage >= page);
    const starting = blocks.filter((block) => block.page === page).map((block) => block.kind);
    if (!flowingIn) expect(starting.length, `page ${page + 1} holds only ${starting.join(', ')}`).toBeGreaterThanOrEqual(2);
  }
}

function expectIssuedAtBesideItsValue(lines: Line[], input: AgreementPdfInput, language: AgreementLanguage): void {
  const { issuedAt } = issuedPdfLabels[language];
  const [label, ...moreLabels] = lines.filter((line) => squeezed(line.text).startsWith(squeezed(issuedAt)));
  expect(moreLabels).toHaveLength(0);
  const values = lines.filter((line) => line.text.includes(beijingTime(input.issuedAt)));
  const level = values.filter((value) => value.page === label!.page && Math.abs(value.yMin - label!.yMin) < 3);
  expect(level, `"${issuedAt}" on page ${label!.page}, its value on page ${values.map((line) => line.page)}`).not.toHaveLength(0);
}

function expectEachBoxTitleOnThePageOfItsKey(lines: Line[], input: AgreementPdfInput, language: AgreementLanguage): void {
  const { separator } = issuedPdfLabels[language];
  for (const signature of input.signatures) {
    const key = lines.find((line) => line.text.includes(signature.publicKeyFingerprint));
    expect(key, `${signature.name}'s key`).toBeDefined();
    const title = squeezed(`${roleLabel(language, signature.role)}${separator}${signature.name}`);
    // A long name is cut short with an ellipsis to keep the title on one line.
    const isTitle = (text: string) => squeezed(text).length > 4 && title.startsWith(squeezed(text).replace(/…$/u, ''));
    const titles = lines.filter((line) => line.page === key!.page && Math.abs(line.xMin - key!.xMin) < 3 && line.yMin < key!.yMin && isTitle(line.text));
    expect(titles, `${signature.name}'s box title on page ${key!.page}`).not.toHaveLength(0);
  }
}

function expectEachClauseNumberLevelWithItsFirstLine(lines: Line[], input: AgreementPdfInput, language: AgreementLanguage): void {
  const { clauseNumber } = agreementLabels[language];
  for (const clause of input.agreement.clauses) {
    const numberText = squeezed(clauseNumber(clause.number));
    const [number, ...others] = lines.filter((line) => squeezed(line.text).startsWith(numberText) && !/^\d/.test(squeezed(line.text).slice(numberText.length)));
    expect(others).toHaveLength(0);
    const level = lines.filter((line) => line.page === number!.page && Math.abs(line.yMin - number!.yMin) < 3).map((line) => squeezed(line.text));
    expect(level.join(''), `${clauseNumber(clause.number)} on page ${number!.page}`).toContain(squeezed(firstText(clause.body)).slice(0, 8));
  }
}
