/**
 * Whether `client/dist` was built from the client's sources as they are now: a hash of every input of the build
 * (the client's sources and config, the shared package, the lockfile) is kept in `client/dist/.build-inputs`
 * after a build, and compared at the next `npm start`.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Files and folders the client build reads, relative to the repository root. */
export const BUILD_INPUTS = [
  'client/index.html',
  'client/vite.config.ts',
  'client/package.json',
  'client/tsconfig.json',
  'client/public',
  'client/src',
  'shared/package.json',
  'shared/src',
  'package-lock.json',
];

export const STAMP_FILE = 'client/dist/.build-inputs';

function files(root: string, rel: string): string[] {
  const full = path.join(root, rel);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [rel];
  return fs
    .readdirSync(full)
    .filter((name) => name !== 'node_modules')
    .flatMap((name) => files(root, path.join(rel, name)));
}

/** One hash of every build input's path and content. */
export function buildInputsHash(root: string): string {
  const hash = createHash('sha256');
  for (const rel of BUILD_INPUTS.flatMap((input) => files(root, input)).sort()) {
    hash.update(`${rel.split(path.sep).join('/')}\0`);
    hash.update(fs.readFileSync(path.join(root, rel)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Whether client/dist holds a build of the inputs as they are. */
export function clientBuildIsCurrent(root: string): boolean {
  const stamp = path.join(root, STAMP_FILE);
  if (!fs.existsSync(stamp) || !fs.existsSync(path.join(root, 'client/dist/index.html'))) return false;
  return fs.readFileSync(stamp, 'utf8').trim() === buildInputsHash(root);
}

/** Records that client/dist was just built from the inputs as they are. */
export function recordClientBuild(root: string, hash = buildInputsHash(root)): void {
  fs.writeFileSync(path.join(root, STAMP_FILE), `${hash}\n`);
}
