import { describe, expect, it } from 'vitest';
import { mediaProblemOf } from '../src/media/media-problem';

function mediaError(name: string): DOMException {
  return new DOMException('test', name);
}

describe('mediaProblemOf', () => {
  it('names a refused permission, a missing device and a busy device', () => {
    expect(mediaProblemOf(mediaError('NotAllowedError'))).toBe('denied');
    expect(mediaProblemOf(mediaError('NotFoundError'))).toBe('notFound');
    expect(mediaProblemOf(mediaError('OverconstrainedError'))).toBe('notFound');
    expect(mediaProblemOf(mediaError('NotReadableError'))).toBe('busy');
    expect(mediaProblemOf(mediaError('SecurityError'))).toBe('insecure');
  });

  it('calls anything else unknown', () => {
    expect(mediaProblemOf(new TypeError('x'))).toBe('unknown');
    expect(mediaProblemOf('nonsense')).toBe('unknown');
  });
});
