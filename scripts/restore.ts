/**
 * `npm run restore -- <file.tar.gz>`: unpacks an archive of `npm run backup` into DATA_DIR, which must be empty or
 * missing (a restore never overwrites data). Start the server on it afterwards.
 */
import { parseArgs } from 'node:util';
import { OpsError } from '../server/src/ops/errors.js';
import { restoreEmbedded } from '../server/src/ops/restore.js';
import { fromInvocation, opsConfig, runOps } from './lib/opsCli.js';

await runOps(async () => {
  const { positionals } = parseArgs({ allowPositionals: true });
  if (positionals.length !== 1) throw new OpsError('usage: npm run restore -- <archive.tar.gz>');
  const { dataDir } = opsConfig();
  const manifest = await restoreEmbedded(fromInvocation(positionals[0]!), dataDir);
  console.log(
    `restored ${manifest.documents} documents and ${manifest.files} files (as of ${manifest.takenAt}, ` +
      `server ${manifest.serverVersion}) into ${dataDir}: start the server on it`,
  );
});
