// The lookup by full name compares whole names, case-insensitively: `_` and `%` are characters, not LIKE wildcards
// (an ILIKE would read them as patterns, and scan the table instead of using the lower(full_name) index).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../support/app.js';
import { errorCode, seedCatalog } from '../../../support/catalog.js';

describe('Repositories: lookup by full name', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await seedCatalog(t.app.db.prisma, { owners: 2, repositories: 2 });
    const owner = await t.app.db.prisma.user.findFirstOrThrow();
    await t.app.db.prisma.repository.create({ data: { fullName: 'acme/aXb', name: 'aXb', ownerId: owner.id } });
  });
  afterAll(() => t.close());

  const lookup = (name: string) =>
    t.run(`query ($name: String!) { repository(fullName: $name) { fullName owner { login } } }`, { name });

  it('finds a name whatever its case', async () => {
    const result = await lookup('ACME/AxB');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ repository: { fullName: 'acme/aXb', owner: { login: expect.any(String) } } });
  });

  it('reads "_" in a name literally, not as a wildcard', async () => {
    const result = await lookup('acme/a_b');
    expect(result.data).toEqual({ repository: null });
    expect(errorCode(result)).toBe('NOT_FOUND');
  });

  it('sends one statement for the repository and its owner', async () => {
    t.resetQueries();
    const result = await lookup('acme/axb');
    expect(result.errors).toBeUndefined();
    expect(t.queries).toHaveLength(1); // the owner is joined in and primes the request's user loader
  });
});
