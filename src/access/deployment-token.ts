// A token signed with this deployment's own secret (JWT_SECRET, else DATA_DIR's file) for its issuer and
// audience: what `npm run token` prints and what CLI commands send to a server on their host.
import type { Config } from '../config.js';
import type { Role } from './actor.js';
import { loadSigningSecret } from './signing-secret.js';
import { signToken } from './token-issuer.js';

export interface DeploymentTokenRequest {
  login: string;
  role: Role;
  ttlSeconds: number;
  /** Make the secret file when it is missing (the token CLI); a command that only reads it passes false. */
  createSecret: boolean;
}

export async function signDeploymentToken(
  config: Pick<Config, 'JWT_SECRET' | 'DATA_DIR' | 'JWT_ISSUER' | 'JWT_AUDIENCE'>,
  request: DeploymentTokenRequest,
): Promise<string> {
  const { secret } = await loadSigningSecret(
    { jwtSecret: config.JWT_SECRET, dataDir: config.DATA_DIR },
    request.createSecret,
  );
  return signToken({
    login: request.login,
    role: request.role,
    ttlSeconds: request.ttlSeconds,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    secret,
  });
}
