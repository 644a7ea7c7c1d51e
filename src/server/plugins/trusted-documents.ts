// Persisted documents. The generated client (npm run codegen, client preset) writes persisted-documents.json:
// the sha256 of every operation our frontends ship, and its text. The server preloads them, so a client can send
// `extensions.persistedQuery.sha256Hash` alone (also over GET, which a CDN can cache). Other documents may be
// registered by automatic persisted queries (query + hash once, then the hash), kept per process in an LRU.
// TRUSTED_DOCUMENTS=only: callers below ADMIN may run only the preloaded documents (admins keep GraphiQL).
import { readFileSync } from 'node:fs';
import { LRUCache } from 'lru-cache';
import type { Actor } from '../../access/index.js';
import { AppError, ErrorCode } from '../../errors.js';

export const TRUSTED_DOCUMENTS_FILE = new URL('../../generated/graphql/persisted-documents.json', import.meta.url);

/** "apq:sha256:abc…", "sha256:abc…" and "abc…" all name document abc…. */
const hashOf = (key: string): string =>
  key
    .replace(/^apq:/, '')
    .replace(/^sha256:/, '')
    .toLowerCase();

/** Apollo's APQ cache (a KeyValueCache): trusted documents first, then what clients registered. */
export class PersistedQueryStore {
  private readonly registered = new LRUCache<string, string>({
    maxSize: 20_000_000,
    sizeCalculation: (query) => query.length + 64,
  });

  constructor(private readonly trusted: ReadonlyMap<string, string>) {}

  static fromFile(file: URL | string = TRUSTED_DOCUMENTS_FILE): PersistedQueryStore {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    return new PersistedQueryStore(new Map(Object.entries(manifest).map(([key, query]) => [hashOf(key), query])));
  }

  get size(): number {
    return this.trusted.size;
  }

  isTrusted(hash: string | undefined): boolean {
    return hash !== undefined && this.trusted.has(hashOf(hash));
  }

  /** The document a hash names, trusted or registered. */
  lookup(hash: string): string | undefined {
    const key = hashOf(hash);
    return this.trusted.get(key) ?? this.registered.get(key);
  }

  async get(key: string): Promise<string | undefined> {
    return this.lookup(key);
  }

  async set(key: string, value: string): Promise<void> {
    if (!this.trusted.has(hashOf(key))) this.registered.set(hashOf(key), value);
  }

  async delete(key: string): Promise<boolean | void> {
    this.registered.delete(hashOf(key));
  }
}

/** FORBIDDEN unless the document is trusted or the caller may run anything (admins, the system). */
export function checkTrusted(
  store: PersistedQueryStore,
  hash: string | undefined,
  viewer: Actor,
): AppError | undefined {
  if (store.isTrusted(hash) || viewer.kind === 'system' || (viewer.kind === 'user' && viewer.role === 'ADMIN'))
    return undefined;
  return new AppError(
    ErrorCode.FORBIDDEN,
    'This deployment runs only trusted documents (TRUSTED_DOCUMENTS=only): send extensions.persistedQuery.sha256Hash ' +
      'of an operation the generated client ships; arbitrary operations need the ADMIN role',
  );
}
