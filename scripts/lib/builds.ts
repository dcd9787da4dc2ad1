/**
 * Whether a build output was made from its inputs as they are now: after a build, a hash of every input (sources,
 * config, the shared package, the lockfile) is kept beside the output, and compared at the next `npm start`. Two
 * outputs: the client (`client/dist`, by Vite) and the compiled server (`server/dist`, by esbuild), so that a
 * start runs plain JavaScript without rebuilding what is there.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface BuildOutput {
  name: string;
  /** Files and folders the build reads, relative to the repository root. */
  inputs: readonly string[];
  /** A file the build makes: without it the output is not there, whatever the stamp says. */
  artifact: string;
  /** Where the inputs' hash is kept after a build. */
  stamp: string;
  /** The npm script that builds it. */
  npmArgs: readonly string[];
}

const SHARED_INPUTS = ['shared/package.json', 'shared/src', 'package-lock.json'];

export const CLIENT_BUILD: BuildOutput = {
  name: 'client/dist',
  inputs: [
    'client/index.html',
    'client/vite.config.ts',
    'client/package.json',
    'client/tsconfig.json',
    'client/public',
    'client/src',
    ...SHARED_INPUTS,
  ],
  artifact: 'client/dist/index.html',
  stamp: 'client/dist/.build-inputs',
  npmArgs: ['run', 'build', '-w', '@app/client'],
};

export const SERVER_BUILD: BuildOutput = {
  name: 'server/dist',
  inputs: ['server/build.mjs', 'server/package.json', 'server/src', 'scripts', ...SHARED_INPUTS],
  artifact: 'server/dist/main.js',
  stamp: 'server/dist/.build-inputs',
  npmArgs: ['run', 'build', '-w', '@app/server'],
};

/** Tests are no input of a build. */
const skipped = (name: string) => name === 'node_modules' || /\.test\.ts$/.test(name);

function files(root: string, rel: string): string[] {
  const full = path.join(root, rel);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [rel];
  return fs
    .readdirSync(full)
    .filter((name) => !skipped(name))
    .flatMap((name) => files(root, path.join(rel, name)));
}

/** One hash of every input's path and content. */
export function buildInputsHash(root: string, output: BuildOutput): string {
  const hash = createHash('sha256');
  for (const rel of output.inputs.flatMap((input) => files(root, input)).sort()) {
    hash.update(`${rel.split(path.sep).join('/')}\0`);
    hash.update(fs.readFileSync(path.join(root, rel)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Whether the output holds a build of the inputs as they are. */
export function buildIsCurrent(root: string, output: BuildOutput): boolean {
  const stamp = path.join(root, output.stamp);
  if (!fs.existsSync(stamp) || !fs.existsSync(path.join(root, output.artifact))) return false;
  return fs.readFileSync(stamp, 'utf8').trim() === buildInputsHash(root, output);
}

/** Records that the output was just built from the inputs as they were when `hash` was taken. */
export function recordBuild(root: string, output: BuildOutput, hash = buildInputsHash(root, output)): void {
  fs.writeFileSync(path.join(root, output.stamp), `${hash}\n`);
}
