import type { FuzzInput } from './fuzz-input.js';

/** What an input is, in a few words, the same for inputs that fail the same way. */
export function labelOf(input: FuzzInput): string {
  switch (input.channel) {
    case 'socket': {
      const name = typeof input.event === 'number' ? `numeric event ${input.event}` : input.event.length > 40 ? `a ${input.event.length}-character event name` : JSON.stringify(input.event);
      return `${input.acknowledged ? '' : 'unacknowledged '}${name}`;
    }
    case 'raw': {
      const first = input.frames[0];
      if (typeof first !== 'string') return 'raw binary frame';
      const event = /^4[25]\d*-?\d*\["([^"]{0,40})"/.exec(first)?.[1];
      return event !== undefined ? `raw ${first.slice(0, 2)} ${JSON.stringify(event)}` : `raw ${JSON.stringify(first.slice(0, 12))}`;
    }
    case 'handshake':
      return 'handshake';
    case 'http':
      return input.raw ? `raw HTTP ${JSON.stringify(Buffer.from(input.raw.subarray(0, 24)).toString('latin1'))}` : `${input.method} ${routeOf(input.path)}`;
    case 'workflow':
      return `signing workflow (${input.images.join(', ')})`;
  }
}

/** A path with its variable parts replaced, so that one route's failures group together. */
function routeOf(path: string): string {
  return path
    .split('?')[0]!
    .replace(/\{\{[\w:-]+\}\}/g, ':id')
    .replace(/MA-\d{4}-\d+/g, ':number')
    .slice(0, 60);
}

/** The same failure with different numbers in it is the same failure. */
export function normalise(text: string): string {
  return text.replace(/\d+/g, 'N').slice(0, 200);
}
