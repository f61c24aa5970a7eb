/** A4 in points, with the margins of a printed official document. */
export const PAGE = {
  size: 'A4' as const,
  width: 595.28,
  height: 841.89,
  margins: { top: 62, bottom: 70, left: 64, right: 64 },
};

export const CONTENT_WIDTH = PAGE.width - PAGE.margins.left - PAGE.margins.right;

export const COLOR = {
  text: '#111111',
  muted: '#555555',
  faint: '#8a8a8a',
  rule: '#b5b5b5',
  /** The red of official titles and seals. */
  seal: '#b0171f',
};

export const FONT_SIZE = {
  title: 22,
  committee: 13,
  heading: 12.5,
  body: 11,
  detail: 9,
  small: 8,
  audit: 7.5,
  hash: 6.6,
  footer: 7,
};

/** Extra space between wrapped lines of body text: Chinese reads better with air between lines. */
export const LINE_GAP = 4;
export const PARAGRAPH_GAP = 5;
