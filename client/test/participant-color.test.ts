import { describe, expect, it } from 'vitest';
import { PARTICIPANT_COLORS, participantColor } from '../src/drafting/participant-color';

describe('participantColor', () => {
  it('gives a participant the same colour every time', () => {
    const id = '0f7d5a52-2f7c-4a57-a8a9-5f3c4c1d2e10';
    expect(participantColor(id)).toBe(participantColor(id));
  });

  it('always gives one of the palette colours, as a hex colour', () => {
    for (const id of ['', 'a', 'mediator', '8c1b6a4e-7e0d-4a3b-9e86-0ad5d7e4a001']) {
      expect(PARTICIPANT_COLORS).toContain(participantColor(id));
      expect(participantColor(id)).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  it('spreads the participants of a room over several colours', () => {
    const ids = Array.from({ length: 40 }, (_, index) => `participant-${index}`);
    expect(new Set(ids.map(participantColor)).size).toBeGreaterThanOrEqual(6);
  });

  it('only uses colours dark enough for white name tags (contrast of at least 4.5:1)', () => {
    const luminance = (hex: string) => {
      const channels = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16) / 255);
      const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    for (const color of PARTICIPANT_COLORS) expect(1.05 / (luminance(color) + 0.05)).toBeGreaterThanOrEqual(4.5);
  });
});
