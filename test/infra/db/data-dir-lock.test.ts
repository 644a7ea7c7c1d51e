// The lock that keeps a second process off an embedded DATA_DIR: held while open, released on close, taken over
// from a process that died without releasing it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirInUseError, LOCK_FILE, openPglite } from '../../../src/infra/db/index.js';

describe('Embedded DATA_DIR lock', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ost-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('is held while the database is open, refuses a second opening, and is released on close', async () => {
    const dir = dataDir();
    const db = await openPglite(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    await expect(openPglite(dir)).rejects.toBeInstanceOf(DataDirInUseError);
    await db.close();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    const reopened = await openPglite(dir);
    await reopened.close();
  });

  it('takes over a lock whose process is gone (killed, never released it)', async () => {
    const dir = dataDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    const stale = { pid: dead, hostname: hostname(), command: 'node src/main.ts', startedAt: '2026-01-01T00:00:00Z' };
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(stale));
    const db = await openPglite(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    await db.close();
  });
});
