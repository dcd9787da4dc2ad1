import fs from 'node:fs';
import path from 'node:path';

const heldHere = new Set<string>();

/** Raised when another live process (or this one) already holds the data directory. */
export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database directory ${dir} is in use by process ${pid}` +
        (pid === process.pid ? ' (this process already opened it)' : '') +
        '. Stop that process, or point DATA_DIR elsewhere.',
    );
    this.name = 'DataDirLockedError';
  }
}

/** Whether a process with this pid runs (EPERM: it does, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data directory's LOCK file (holding our pid). A lock left by a process that no longer runs
 * (a crash) is taken over; a live holder is a clear error.
 */
export function lockDataDir(dir: string): () => void {
  const file = path.join(dir, 'LOCK');
  const resolved = path.resolve(dir);
  if (heldHere.has(resolved)) throw new DataDirLockedError(dir, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      heldHere.add(resolved);
      return () => {
        heldHere.delete(resolved);
        try {
          fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid))
        throw new DataDirLockedError(dir, pid);
      fs.unlinkSync(file); // stale: its process is gone
    }
  }
  throw new Error(`Could not take the lock on ${dir}`);
}
