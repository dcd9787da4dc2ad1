/**
 * `npm start`'s first step: builds the client (`vite build`) and compiles the server (esbuild, to server/dist)
 * only when their inputs changed since they were last built, so that a restart neither spends a minute rebuilding
 * the client nor compiles TypeScript at run time. `--force` builds both anyway. Plain JavaScript run by node: a
 * start whose builds are current spends a few tens of milliseconds here, where starting tsx took about a second.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildInputsHash, buildIsCurrent, CLIENT_BUILD, recordBuild, SERVER_BUILD } from './lib/builds.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

for (const output of [CLIENT_BUILD, SERVER_BUILD]) {
  if (!process.argv.includes('--force') && buildIsCurrent(repoRoot, output)) {
    console.log(`${output.name} is up to date; not rebuilding it`);
    continue;
  }
  // Hashed before the build: an input edited while it runs makes the next start build again.
  const hash = buildInputsHash(repoRoot, output);
  const build = spawnSync('npm', output.npmArgs, { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  recordBuild(repoRoot, output, hash);
}
