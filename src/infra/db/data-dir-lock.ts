// The embedded database belongs to one process. PGlite keeps its own copy of the data in memory and writes it back
// as it goes, so a second process opening the same directory works on a copy that one of the two later overwrites:
// rows "imported" by the second were gone after a restart. A lock file makes the second process fail at once,
// naming the holder and what to do instead. A lock left by a process that died (SIGKILL, power loss) is taken over.
import { hostname } from 'node:os';
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const LOCK_FILE = 'ost-graph.lock';

interface LockHolder {
  pid: number;
  hostname: string;
  command: string;
  startedAt: string;
}

export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `the embedded database in ${dataDir} is in use by another process (pid ${holder.pid}: ${holder.command}, since ` +
        `${holder.startedAt}). Only one process may open it: a second one's writes would be lost. Stop that process ` +
        'first (Ctrl-C where `npm start` runs), or import through the running server: `npm run import -- --server ' +
        'http://localhost:4000/graphql ...` (the importFiles mutation), or set DATA_DIR to another directory.',
    );
  }
}

/** Whether the process that wrote the lock still runs (on another host it cannot be known: assume it does). */
function alive(holder: LockHolder): boolean {
  if (holder.hostname !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

function readHolder(path: string): LockHolder | null {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    return typeof holder.pid === 'number' && typeof holder.hostname === 'string' ? (holder as LockHolder) : null;
  } catch {
    return null; // unreadable or half-written: nobody can be shown to hold it
  }
}

/** Takes `dataDir`'s lock for this process; throws DataDirInUseError while a live process holds it. */
export function lockDataDir(dataDir: string): { release(): void } {
  const path = join(dataDir, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    command: process.argv.slice(1).join(' ') || 'node',
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o644); // fails if it exists: exactly one process creates it
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          // Only our own lock: a process that took over a lock we had lost must keep it.
          if (readHolder(path)?.pid === me.pid) unlinkSync(path);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(path);
    if (holder && alive(holder)) throw new DataDirInUseError(resolve(dataDir), holder);
    unlinkSync(path); // stale: its process is gone; the next attempt's exclusive create decides who gets it
  }
  const holder = readHolder(path);
  throw new DataDirInUseError(resolve(dataDir), holder ?? { ...me, pid: -1, command: 'unknown' });
}
