import fs from 'node:fs';
import path from 'node:path';
import { processAlive } from './lockfile.js';

/** The file in an engine's data directory that says where the running engine listens. */
export const ADDRESS_FILE = 'ENGINE';

export interface EngineAddress {
  pid: number;
  port: number;
  uri: string;
}

/** Says where this process's engine listens (written whole, by rename), for `npm run backup` to find it. */
export function publishAddress(dir: string, address: EngineAddress): void {
  const tmp = path.join(dir, `${ADDRESS_FILE}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(address), { mode: 0o600 });
  fs.renameSync(tmp, path.join(dir, ADDRESS_FILE));
}

export function withdrawAddress(dir: string): void {
  fs.rmSync(path.join(dir, ADDRESS_FILE), { force: true });
}

/** Where the engine holding `dir` listens, or undefined when none runs (no file, or one left by a dead process). */
export function readAddress(dir: string): EngineAddress | undefined {
  let address: Partial<EngineAddress>;
  try {
    address = JSON.parse(fs.readFileSync(path.join(dir, ADDRESS_FILE), 'utf8')) as Partial<EngineAddress>;
  } catch {
    return undefined;
  }
  if (!Number.isInteger(address.pid) || typeof address.uri !== 'string' || !processAlive(address.pid!))
    return undefined;
  return address as EngineAddress;
}
