// Bearer tokens as an outsider sends them: every way a token can be wrong is UNAUTHENTICATED saying which, never
// a 500; HS256 with the secret, RS256/ES256 through a JWKS whose keys rotate.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, type VerifierOptions } from '../../src/access/token-verifier.js';
import { AppError } from '../../src/errors.js';
import { TEST_AUDIENCE, TEST_ISSUER, TEST_JWT_SECRET, tokenFor } from '../support/access.js';

const base: VerifierOptions = {
  secret: TEST_JWT_SECRET,
  jwksUrl: undefined,
  issuer: TEST_ISSUER,
  audience: TEST_AUDIENCE,
  clockToleranceSeconds: 5,
};

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('UNAUTHENTICATED');
  return error as AppError;
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

describe('HS256 tokens', () => {
  const verify = createTokenVerifier(base);

  it('accepts a good token: its subject and role', async () => {
    expect(await verify(await tokenFor('octocat', 'MEMBER'))).toMatchObject({
      kind: 'user',
      login: 'octocat',
      role: 'MEMBER',
    });
  });

  it('refuses an expired token, beyond the clock tolerance', async () => {
    const token = await new SignJWT({ role: 'ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('octocat')
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setExpirationTime(now() - 60)
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    expect((await refusal(verify(token))).message).toMatch(/expired/);
  });

  it('tolerates a few seconds of clock skew', async () => {
    const token = await new SignJWT({ role: 'ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('octocat')
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setExpirationTime(now() - 2)
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    expect(await verify(token)).toMatchObject({ login: 'octocat' });
  });

  it('refuses a token signed with another secret', async () => {
    const token = await tokenFor('octocat', 'ADMIN', { secret: 'another-secret-of-at-least-32-characters!!' });
    expect((await refusal(verify(token))).message).toMatch(/signature/);
  });

  it('refuses the wrong audience and the wrong issuer, naming the expected one', async () => {
    expect((await refusal(verify(await tokenFor('o', 'ADMIN', { audience: 'elsewhere' })))).message).toContain(
      `audience is not "${TEST_AUDIENCE}"`,
    );
    expect((await refusal(verify(await tokenFor('o', 'ADMIN', { issuer: 'evil' })))).message).toContain(
      `issuer is not "${TEST_ISSUER}"`,
    );
  });

  it('refuses alg "none" (an unsigned token claiming to be an admin)', async () => {
    const payload = { sub: 'mallory', role: 'ADMIN', iss: TEST_ISSUER, aud: TEST_AUDIENCE, exp: now() + 600 };
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
    expect((await refusal(verify(token))).message).toMatch(/algorithm|malformed/);
  });

  it('refuses malformed tokens, a token without expiry, an unknown role and a subject that is no login', async () => {
    expect((await refusal(verify('not.a.jwt'))).message).toMatch(/malformed/);
    const sign = (claims: Record<string, unknown>, exp = true) => {
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(TEST_ISSUER)
        .setAudience(TEST_AUDIENCE);
      if (exp) jwt.setExpirationTime('1h');
      return jwt.sign(new TextEncoder().encode(TEST_JWT_SECRET));
    };
    expect((await refusal(verify(await sign({ sub: 'o', role: 'ADMIN' }, false)))).message).toMatch(/expiry/);
    expect((await refusal(verify(await sign({ sub: 'o', role: 'ROOT' })))).message).toMatch(/role "ROOT" is unknown/);
    expect((await refusal(verify(await sign({ sub: 'a b;drop', role: 'ADMIN' })))).message).toMatch(/subject/);
  });
});

describe('RS256 / ES256 through JWT_JWKS_URL', () => {
  let server: http.Server;
  let keys: JWK[] = [];
  let jwksUrl: string;
  const signers: Record<string, CryptoKey> = {};

  async function addKey(kid: string, alg: 'RS256' | 'ES256'): Promise<void> {
    const pair = await generateKeyPair(alg);
    signers[kid] = pair.privateKey;
    keys = [...keys, { ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' }];
  }
  const signWith = (kid: string, alg: 'RS256' | 'ES256') =>
    new SignJWT({ role: 'VIEWER' })
      .setProtectedHeader({ alg, kid })
      .setSubject('idp-user')
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setExpirationTime('10m')
      .sign(signers[kid]!);

  beforeAll(async () => {
    await addKey('a', 'RS256');
    server = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('verifies against the provider keys, and follows a rotation to a new key id without a restart', async () => {
    const verify = createTokenVerifier({ ...base, secret: undefined, jwksUrl, jwksCooldownMs: 0 });
    expect(await verify(await signWith('a', 'RS256'))).toMatchObject({ login: 'idp-user', role: 'VIEWER' });
    await addKey('b', 'ES256');
    keys = keys.filter((key) => key.kid === 'b'); // the provider rotated: key a retired
    expect(await verify(await signWith('b', 'ES256'))).toMatchObject({ login: 'idp-user' });
    expect((await refusal(verify(await signWith('a', 'RS256')))).message).toMatch(/kid|key/);
  });

  it('refuses HS256 tokens when only the JWKS is trusted (no algorithm confusion)', async () => {
    const verify = createTokenVerifier({ ...base, secret: undefined, jwksUrl });
    expect((await refusal(verify(await tokenFor('o', 'ADMIN')))).message).toMatch(/algorithm/);
  });

  it('says the keys cannot be fetched when the JWKS endpoint is down (UNAUTHENTICATED, not a 500)', async () => {
    const verify = createTokenVerifier({ ...base, secret: undefined, jwksUrl: 'http://127.0.0.1:9/jwks.json' });
    expect((await refusal(verify(await signWith('b', 'ES256')))).message).toMatch(/cannot be fetched/);
  });
});
