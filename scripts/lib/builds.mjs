/**
 * Whether a build output was made from its inputs as they are now: after a build, a hash of every input (sources,
 * config, the shared package, the lockfile) is kept beside the output, and compared at the next `npm start`. Two
 * outputs: the client (`client/dist`, by Vite) and the compiled server (`server/dist`, by esbuild), so that a
 * start runs plain JavaScript without rebuilding what is there.
 *
 * Plain JavaScript (its types in builds.d.mts), because `npm start` runs it before anything is compiled: through
 * node alone it takes a fraction of what starting tsx for it did.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SHARED_INPUTS = ['shared/package.json', 'shared/src', 'package-lock.json'];

/** @type {import('./builds.d.mts').BuildOutput} */
export const CLIENT_BUILD = {
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

/** @type {import('./builds.d.mts').BuildOutput} */
export const SERVER_BUILD = {
  name: 'server/dist',
  inputs: ['server/build.mjs', 'server/package.json', 'server/src', 'scripts', ...SHARED_INPUTS],
  artifact: 'server/dist/main.js',
  stamp: 'server/dist/.build-inputs',
  npmArgs: ['run', 'build', '-w', '@app/server'],
};

/** Tests are no input of a build. */
const skipped = (/** @type {string} */ name) => name === 'node_modules' || /\.test\.ts$/.test(name);

/** @returns {string[]} */
function files(/** @type {string} */ root, /** @type {string} */ rel) {
  const full = path.join(root, rel);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [rel];
  return fs
    .readdirSync(full)
    .filter((name) => !skipped(name))
    .flatMap((name) => files(root, path.join(rel, name)));
}

/** One hash of every input's path and content. */
export function buildInputsHash(root, output) {
  const hash = createHash('sha256');
  for (const rel of output.inputs.flatMap((input) => files(root, input)).sort()) {
    hash.update(`${rel.split(path.sep).join('/')}\0`);
    hash.update(fs.readFileSync(path.join(root, rel)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Whether the output holds a build of the inputs as they are. */
export function buildIsCurrent(root, output) {
  const stamp = path.join(root, output.stamp);
  if (!fs.existsSync(stamp) || !fs.existsSync(path.join(root, output.artifact))) return false;
  return fs.readFileSync(stamp, 'utf8').trim() === buildInputsHash(root, output);
}

/** Records that the output was just built from the inputs as they were when `hash` was taken. */
export function recordBuild(root, output, hash = buildInputsHash(root, output)) {
  fs.writeFileSync(path.join(root, output.stamp), `${hash}\n`);
}
