import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { updateChangesDocument } from '../../server/src/drafting/update-changes-document.js';

function replicaOf(doc: Y.Doc): Y.Doc {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  return replica;
}

describe('updateChangesDocument', () => {
  const server = new Y.Doc();
  server.getText('t').insert(0, 'hello world');
  server.getText('t').delete(0, 6);

  it('sees nothing new in a synced replica’s answer to sync step 1, delete set and all', () => {
    const replica = replicaOf(server);
    const answer = Y.encodeStateAsUpdate(replica, Y.encodeStateVector(server));
    expect(updateChangesDocument(server, answer)).toBe(false);
  });

  it('sees an insertion', () => {
    const replica = replicaOf(server);
    replica.getText('t').insert(0, '!');
    expect(updateChangesDocument(server, Y.encodeStateAsUpdate(replica, Y.encodeStateVector(server)))).toBe(true);
  });

  it('sees a deletion of text the server still has', () => {
    const replica = replicaOf(server);
    replica.getText('t').delete(0, 1);
    expect(updateChangesDocument(server, Y.encodeStateAsUpdate(replica, Y.encodeStateVector(server)))).toBe(true);
  });

  it('throws on bytes that are not an update', () => {
    expect(() => updateChangesDocument(server, new Uint8Array([255, 255, 255, 255, 255]))).toThrow();
  });
});
