// The access layer's variables (identity, limits, production defaults), parsed with the rest of config.ts.
import { z } from 'zod';

/** A whole number of `unit` from `min` to `max` (config.ts uses it too). */
export const whole = (min: number, max: number, unit = 'milliseconds') => {
  const accepted = `a whole number of ${unit} from ${min} to ${max}`;
  return z.coerce.number({ message: accepted }).int(accepted).min(min, accepted).max(max, accepted);
};
const onOff = z.enum(['on', 'off'], { message: 'on or off' });
const httpUrl = (example: string) =>
  z
    .string()
    .trim()
    .refine((value) => /^https?:\/\/[^/\s]+(\/\S*)?$/.test(value), `an http(s) URL such as ${example}`);

export const accessEnvFields = {
  /** HS256 secret for bearer tokens. Unset (and no JWT_JWKS_URL): a secret is made in DATA_DIR on first start. */
  JWT_SECRET: z.string().trim().min(32, 'at least 32 characters (HS256 wants 256 bits)').optional(),
  /** An identity provider's JSON Web Key Set: RS256/ES256 tokens verify against it (keys cached, rotation followed). */
  JWT_JWKS_URL: httpUrl('https://idp.example.com/.well-known/jwks.json').optional(),
  JWT_ISSUER: z.string().trim().min(1, 'an issuer (the iss claim)').default('ost-graph'),
  JWT_AUDIENCE: z.string().trim().min(1, 'an audience (the aud claim)').default('ost-graph'),
  /** Clock skew tolerated on exp/nbf/iat. */
  JWT_CLOCK_TOLERANCE_S: whole(0, 300, 'seconds').default(30),
  /** Take the client address from X-Forwarded-For's first entry (behind a trusted proxy only). */
  TRUST_PROXY: onOff.default('off'),
  /** Most an operation may cost (see docs/security.md), per kind of caller. */
  COST_LIMIT_ANONYMOUS: whole(1, 100_000_000, 'points').default(10_000),
  COST_LIMIT_VIEWER: whole(1, 100_000_000, 'points').default(25_000),
  COST_LIMIT_MEMBER: whole(1, 100_000_000, 'points').default(50_000),
  COST_LIMIT_ADMIN: whole(1, 100_000_000, 'points').default(100_000),
  /** Largest response body sent; a larger one is replaced by a coded error. */
  MAX_RESPONSE_BYTES: whole(1_024, 1_073_741_824, 'bytes').default(16_777_216),
  /** off: no rate limiting (trusted networks, benchmarks). */
  RATE_LIMIT: onOff.default('on'),
  RATE_LIMIT_WINDOW_S: whole(1, 86_400, 'seconds').default(60),
  /** Points (query cost) per window per client address without a token, and per signed-in user. */
  RATE_LIMIT_POINTS_ANONYMOUS: whole(1, 1_000_000_000, 'points').default(100_000),
  RATE_LIMIT_POINTS: whole(1, 1_000_000_000, 'points').default(500_000),
  /** graphql-ws: messages a socket may send per second, subscriptions per socket, sockets per identity. */
  WS_MAX_MESSAGES_PER_SECOND: whole(1, 10_000, 'messages').default(50),
  WS_MAX_SUBSCRIPTIONS: whole(1, 10_000, 'subscriptions').default(100),
  WS_MAX_SOCKETS_PER_IDENTITY: whole(1, 10_000, 'sockets').default(20),
  /** Pipeline runs a user may have queued or running at once. */
  PIPELINE_MAX_ACTIVE_RUNS_PER_USER: whole(1, 1_000, 'runs').default(2),
  /** only: non-admins may run only the documents the generated client ships (persisted-documents.json). */
  TRUSTED_DOCUMENTS: z.enum(['any', 'only'], { message: 'any or only' }).default('any'),
  /** Introspection and "did you mean" suggestions; default on outside production. */
  INTROSPECTION: onOff.optional(),
  /** GraphiQL at /graphql for browsers; default on outside production. */
  GRAPHIQL: onOff.optional(),
  /** Serve /metrics on this port only (not the API's). */
  METRICS_PORT: z.coerce.number({ message: 'a TCP port number' }).int().min(1).max(65535).optional(),
  /** The bearer token CLI commands send to a server (`npm run import -- --server`); never validated here. */
  OST_GRAPH_TOKEN: z.string().trim().optional(),
  /** Require "Authorization: Bearer <METRICS_TOKEN>" on /metrics. */
  METRICS_TOKEN: z.string().trim().min(16, 'at least 16 characters').optional(),
};
