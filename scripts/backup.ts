/**
 * `npm run backup -- <file.tar.gz>`: a consistent archive of the embedded deployment in DATA_DIR, running or
 * stopped: the database as of one instant, the uploaded files and the session secret. With MONGODB_URI the data
 * is in MongoDB: back it up with mongodump (docs/deployment.md, "Backup and restore").
 */
import { parseArgs } from 'node:util';
import { backupEmbedded } from '../server/src/ops/backup.js';
import { OpsError } from '../server/src/ops/errors.js';
import { fromInvocation, opsConfig, runOps } from './lib/opsCli.js';

await runOps(async () => {
  const { positionals } = parseArgs({ allowPositionals: true });
  if (positionals.length !== 1) throw new OpsError('usage: npm run backup -- <archive.tar.gz>');
  const config = opsConfig();
  if (config.MONGODB_URI) {
    throw new OpsError(
      'MONGODB_URI is set, so the database is in MongoDB: back it up with mongodump, and DATA_DIR/files with tar (docs/deployment.md, "Backup and restore")',
    );
  }
  const started = performance.now();
  const { file, manifest, bytes } = await backupEmbedded(config.dataDir, fromInvocation(positionals[0]!));
  console.log(
    `backed up ${manifest.documents} documents in ${Object.keys(manifest.collections).length} collections and ` +
      `${manifest.files} files of ${config.dataDir} (${manifest.source === 'running' ? 'running server' : 'stopped'}, ` +
      `as of ${manifest.takenAt}) to ${file}: ${(bytes / 1024 / 1024).toFixed(1)} MiB in ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
});
