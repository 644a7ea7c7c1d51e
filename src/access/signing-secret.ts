// The HS256 secret of the embedded default: created in DATA_DIR on first start (mode 0600, never logged), read
// by every later start and by `npm run token`, so tokens survive restarts and the CLI needs nothing else.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const SECRET_FILE = 'jwt-secret';
const MIN_SECRET_CHARS = 32;

export interface SigningSecret {
  secret: string;
  /** Where it came from: "JWT_SECRET" or the file's path. */
  source: string;
  /** True when this call wrote the file. */
  created: boolean;
}

/** JWT_SECRET when set, else DATA_DIR's secret file, created when `create` allows and it is missing. */
export async function loadSigningSecret(
  options: { jwtSecret: string | undefined; dataDir: string },
  create = true,
): Promise<SigningSecret> {
  if (options.jwtSecret) return { secret: options.jwtSecret, source: 'JWT_SECRET', created: false };
  const file = path.resolve(options.dataDir, SECRET_FILE);
  try {
    const secret = (await readFile(file, 'utf8')).trim();
    if (secret.length < MIN_SECRET_CHARS)
      throw new Error(`${file} holds under ${MIN_SECRET_CHARS} characters: delete it to have a new one made`);
    return { secret, source: file, created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !create) throw error;
  }
  await mkdir(path.dirname(file), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  try {
    // `wx`: two processes starting at once never overwrite each other's secret; the loser reads the winner's.
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadSigningSecret(options, false);
    throw error;
  }
  return { secret, source: file, created: true };
}
