// npm run token -- --login L --role R [--ttl 1h]: prints a bearer token signed with this deployment's secret
// (JWT_SECRET, else DATA_DIR's secret file, made if missing) as its last line. It reads the secret only: no
// database, no lock, so it works while the server runs.
import { parseArgs } from 'node:util';
import { isRole, ROLES } from '../access/actor.js';
import { signDeploymentToken } from '../access/deployment-token.js';
import { parseTtl } from '../access/token-issuer.js';
import { ConfigError, loadConfig } from '../config.js';
import type { AppError } from '../errors.js';
import { LOGIN } from '../lib/github-names.js';

const USAGE = `usage: npm run token -- --login LOGIN --role ${ROLES.join('|')} [--ttl 1h]
  --login  the user the token speaks for (its subject); a login the catalog lacks becomes an account
  --role   what it may do (docs/security.md)
  --ttl    lifetime: 90s, 15m, 1h (default), 30d`;

function fail(message: string): never {
  process.stderr.write(`token: ${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: { login: { type: 'string' }, role: { type: 'string' }, ttl: { type: 'string', default: '1h' } },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  const { login, role, ttl } = values;
  if (!login || !LOGIN.test(login)) fail('--login: a user login (letters, digits, hyphens, dots or underscores)');
  const upper = role?.toUpperCase();
  if (!isRole(upper)) fail(`--role: one of ${ROLES.join(', ')}`);
  let ttlSeconds: number;
  try {
    ttlSeconds = parseTtl(ttl ?? '1h');
  } catch (error) {
    fail((error as AppError).message);
  }
  const config = loadConfig();
  if (config.JWT_JWKS_URL && !config.JWT_SECRET)
    fail('this deployment trusts JWT_JWKS_URL only: tokens come from your identity provider');
  const token = await signDeploymentToken(config, { login, role: upper, ttlSeconds, createSecret: true });
  const expires = new Date(Date.now() + ttlSeconds * 1000).toISOString();
  process.stderr.write(
    `token for ${login} (${upper}), expires ${expires}; send it as "Authorization: Bearer <token>"\n`,
  );
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? `configuration error: ${error.message}` : (error as Error).message;
  process.stderr.write(`token: ${message}\n`);
  process.exit(1);
});
