/**
 * `npm start`'s first step: builds the client (`vite build`) only when its inputs changed since client/dist was
 * built, so that a restart does not spend a minute rebuilding what is there. `--force` builds anyway.
 */
import { spawnSync } from 'node:child_process';
import { buildInputsHash, clientBuildIsCurrent, recordClientBuild } from './lib/clientBuild.js';
import { repoRoot } from './lib/serverProcess.js';

if (!process.argv.includes('--force') && clientBuildIsCurrent(repoRoot)) {
  console.log('client/dist is up to date; not rebuilding it');
} else {
  const hash = buildInputsHash(repoRoot);
  const build = spawnSync('npm', ['run', 'build', '-w', '@app/client'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  recordClientBuild(repoRoot, hash);
}
