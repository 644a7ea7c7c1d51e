// Persisted documents as a frontend uses them: the generated client's documents are known to the server by hash
// (POST, and GET that a CDN can cache), other documents register by automatic persisted queries, and
// TRUSTED_DOCUMENTS=only lets non-admins run nothing else.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LanguagesDocument } from '../../src/generated/graphql/graphql.js';
import { bearer } from '../support/access.js';
import { startAppServer, type AppServer } from '../support/app-server.js';

// The generated document carries its hash (client preset, persistedDocuments: sha256).
const TRUSTED_HASH = (LanguagesDocument as unknown as { __meta__: { hash: string } }).__meta__.hash;
const persisted = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });

describe('persisted documents', () => {
  let s: AppServer;
  beforeAll(async () => {
    s = await startAppServer();
  });
  afterAll(async () => s?.close());

  it('runs a generated document sent by its hash alone, over POST and over GET', async () => {
    const post = await s.post({ extensions: persisted(TRUSTED_HASH), variables: { first: 2 } });
    expect(post.status).toBe(200);
    expect(post.body.data).toEqual({ languages: expect.objectContaining({ nodes: [] }) });
    const search = new URLSearchParams({
      extensions: JSON.stringify(persisted(TRUSTED_HASH)),
      variables: JSON.stringify({ first: 2 }),
    });
    const get = await fetch(`${s.url}?${search}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect(((await get.json()) as { data: unknown }).data).toEqual({ languages: expect.anything() });
  });

  it('answers an unknown hash with PersistedQueryNotFound, then runs it once registered (APQ)', async () => {
    const query = '{ viewer { authenticated } }';
    const hash = createHash('sha256').update(query).digest('hex');
    const miss = await s.post({ extensions: persisted(hash) });
    expect(miss.body.errors?.[0]?.message).toBe('PersistedQueryNotFound');
    const registered = await s.post({ query, extensions: persisted(hash) });
    expect(registered.body.data).toEqual({ viewer: { authenticated: false } });
    const hit = await s.post({ extensions: persisted(hash) });
    expect(hit.body.data).toEqual({ viewer: { authenticated: false } });
  });
});

describe('TRUSTED_DOCUMENTS=only', () => {
  let s: AppServer;
  beforeAll(async () => {
    s = await startAppServer({ TRUSTED_DOCUMENTS: 'only' });
  });
  afterAll(async () => s?.close());

  it('refuses arbitrary operations from non-admins (403 FORBIDDEN), runs trusted ones, lets admins run anything', async () => {
    const arbitrary = { query: '{ repositories(first: 1) { totalCount } }' };
    const anonymous = await s.post(arbitrary);
    expect(anonymous.status).toBe(403);
    expect(anonymous.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(anonymous.body.errors?.[0]?.message).toContain('TRUSTED_DOCUMENTS=only');
    const member = await s.post(arbitrary, await bearer('mia', 'MEMBER'));
    expect(member.status).toBe(403);
    // Registering it by APQ does not make it trusted.
    const hash = createHash('sha256').update(arbitrary.query).digest('hex');
    expect((await s.post({ ...arbitrary, extensions: persisted(hash) })).status).toBe(403);

    expect((await s.post({ extensions: persisted(TRUSTED_HASH), variables: { first: 1 } })).status).toBe(200);
    const admin = await s.post(arbitrary, await bearer('ada', 'ADMIN'));
    expect(admin.body).toMatchObject({ data: { repositories: { totalCount: 0 } } });
  });
});
