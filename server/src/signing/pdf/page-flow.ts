import type { PdfDocument } from './pdf-document.js';
import { PAGE } from './pdf-layout.js';

/** Where text must end on every page: below it sit the footers. */
export const PAGE_BOTTOM = PAGE.height - PAGE.margins.bottom;

/**
 * What a placed block is. The kinds in WHOLE_BLOCKS are never split across pages;
 * a clause and a section's text flow on, but only once their opening lines have fitted.
 */
export type BlockKind =
  | 'title'
  | 'heading'
  | 'party'
  | 'text'
  | 'clause'
  | 'signature-row'
  | 'seal'
  | 'audit-intro'
  | 'audit-entry'
  | 'figure-table';

export const WHOLE_BLOCKS: ReadonlySet<BlockKind> = new Set(['title', 'heading', 'party', 'signature-row', 'seal', 'audit-intro', 'audit-entry', 'figure-table']);

export interface PlacedBlock {
  kind: BlockKind;
  /** Zero-based index of the page the block starts on. */
  page: number;
  /** The page it ends on: the same page unless it flowed on. */
  lastPage: number;
  top: number;
  /** Where the drawing ended, on `lastPage`. */
  bottom: number;
  /** The height measured before drawing that had to fit below `top`: the whole block, or a flowing block's opening. */
  kept: number;
  /** Belongs on the page of the block placed after it (a heading, the last audit entry before the figures). */
  keepWithNext: boolean;
}

/**
 * Lays blocks of measured height down the pages: a block that would cross the bottom
 * margin starts a new page, and every block is recorded where it was drawn, so the
 * pagination can be checked without parsing the PDF.
 */
export class PageFlow {
  readonly blocks: PlacedBlock[] = [];

  constructor(readonly doc: PdfDocument) {}

  /** The page being drawn on: pages are only ever added at the end while laying out. */
  get page(): number {
    const { start, count } = this.doc.bufferedPageRange();
    return start + count - 1;
  }

  fits(height: number): boolean {
    return this.doc.y + height <= PAGE_BOTTOM;
  }

  /**
   * Starts a new page unless `height` fits below the current position; returns whether it did.
   * On a page still empty a new one would not help, so a block taller than a page stays.
   */
  keep(height: number): boolean {
    if (this.fits(height) || this.doc.y <= PAGE.margins.top) return false;
    this.doc.addPage();
    return true;
  }

  /** Keeps `height` together on one page, then draws and records the block; returns what `draw` returns. */
  place<T>(kind: BlockKind, height: number, draw: () => T, keepWithNext = false): T {
    this.keep(height);
    return this.record(kind, height, draw, keepWithNext);
  }

  /** Draws and records a block whose room was kept beforehand, together with what must go with it. */
  record<T>(kind: BlockKind, kept: number, draw: () => T, keepWithNext = false): T {
    const page = this.page;
    const top = this.doc.y;
    const drawn = draw();
    this.blocks.push({ kind, page, lastPage: this.page, top, bottom: this.doc.y, kept, keepWithNext });
    return drawn;
  }
}
