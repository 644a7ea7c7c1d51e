// The bearer token a CLI command sends to a server: --token, else OST_GRAPH_TOKEN, else a short-lived ADMIN token
// signed here with this host's secret (JWT_SECRET or DATA_DIR's file): whoever can read that secret operates the
// server anyway, so on the server's own host the command needs nothing more.
import { signDeploymentToken } from '../access/deployment-token.js';
import type { Config } from '../config.js';

const OPERATOR_LOGIN = 'cli';
const OPERATOR_TTL_SECONDS = 3_600;

export async function operatorToken(config: Config, given: string | undefined): Promise<string | undefined> {
  const token = given ?? config.OST_GRAPH_TOKEN;
  if (token) return token;
  try {
    return await signDeploymentToken(config, {
      login: OPERATOR_LOGIN,
      role: 'ADMIN',
      ttlSeconds: OPERATOR_TTL_SECONDS,
      createSecret: false,
    });
  } catch {
    return undefined; // no secret here: the server says what it needs (UNAUTHENTICATED)
  }
}
