import type { SignerKeyStore } from './signer-key-pair';

const DATABASE = 'mediation-signing';
const DATABASE_VERSION = 1;
const KEYS = 'signer-keys';

interface KeyRecord {
  participantId: string;
  keys: CryptoKeyPair;
  createdAt: string;
}

/**
 * Signing keys in IndexedDB, one record per participant. CryptoKey objects are stored as they
 * are (structured clone): a non-extractable private key stays non-extractable, and usable.
 */
export function indexedDbSignerKeys(factory: IDBFactory = indexedDB): SignerKeyStore {
  let opened: Promise<IDBDatabase> | null = null;
  const database = (): Promise<IDBDatabase> => (opened ??= openDatabase(factory));

  return {
    async get(participantId) {
      const db = await database();
      const record = await settle<KeyRecord | undefined>(db.transaction(KEYS, 'readonly').objectStore(KEYS).get(participantId));
      return record?.keys;
    },
    async keep(participantId, keys) {
      const db = await database();
      // Looked up and added in one transaction, inside its callbacks, so that it stays open between them.
      return new Promise<CryptoKeyPair>((resolve, reject) => {
        const transaction = db.transaction(KEYS, 'readwrite');
        const store = transaction.objectStore(KEYS);
        let kept = keys;
        const lookUp = store.get(participantId);
        lookUp.onsuccess = () => {
          const existing = lookUp.result as KeyRecord | undefined;
          if (existing) kept = existing.keys;
          else store.add({ participantId, keys, createdAt: new Date().toISOString() } satisfies KeyRecord);
        };
        transaction.oncomplete = () => resolve(kept);
        transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
      });
    },
  };
}

function openDatabase(factory: IDBFactory): Promise<IDBDatabase> {
  const opening = factory.open(DATABASE, DATABASE_VERSION);
  opening.onupgradeneeded = () => {
    opening.result.createObjectStore(KEYS, { keyPath: 'participantId' });
  };
  return settle(opening);
}

function settle<T>(requested: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    requested.onsuccess = () => resolve(requested.result);
    requested.onerror = () => reject(requested.error ?? new Error('IndexedDB request failed'));
  });
}
