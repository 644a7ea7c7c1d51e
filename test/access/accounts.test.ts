// A token's subject is a user: a login the catalog lacks becomes an account (a users row), once; `viewer` says who
// the API takes the caller to be; a bad token never creates anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../support/access.js';
import { startAppServer, type AppServer } from '../support/app-server.js';

describe('accounts and viewer', () => {
  let s: AppServer;
  beforeAll(async () => {
    s = await startAppServer();
  });
  afterAll(async () => s?.close());

  it('makes an account for a new login, answers viewer and user for it, and does so once', async () => {
    const headers = await bearer('newcomer-1', 'MEMBER', { ttlSeconds: 600 });
    const query = '{ viewer { authenticated login role expiresAt } user(login: "newcomer-1") { login } }';
    const first = await s.post({ query }, headers);
    expect(first.body.data).toMatchObject({
      viewer: { authenticated: true, login: 'newcomer-1', role: 'MEMBER', expiresAt: expect.any(String) },
      user: { login: 'newcomer-1' },
    });
    s.t.resetQueries();
    await s.post({ query: '{ viewer { login } }' }, headers);
    expect(s.t.queries.filter((sql) => /insert into users/i.test(sql))).toEqual([]); // remembered: no second insert
    expect(await s.t.app.db.prisma.user.count({ where: { login: 'newcomer-1' } })).toBe(1);
  });

  it('answers viewer for anonymous callers, and a bad token with 401 UNAUTHENTICATED creating nothing', async () => {
    expect((await s.post({ query: '{ viewer { authenticated login role } }' })).body.data).toEqual({
      viewer: { authenticated: false, login: null, role: null },
    });
    const bad = await s.post(
      { query: '{ viewer { login } }' },
      await bearer('intruder', 'ADMIN', { audience: 'other' }),
    );
    expect(bad.status).toBe(401);
    expect(bad.body.errors![0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(bad.body.errors![0]!.message).toContain('audience');
    expect(await s.t.app.db.prisma.user.count({ where: { login: 'intruder' } })).toBe(0);
  });
});
