import { copyFile, mkdir, mkdtemp, readdir, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { create } from 'tar';
import { SnapshotWriter } from '../db/embedded/durability/snapshot.js';
import { VERSION } from '../version.js';
import { openEmbeddedSource } from './embeddedSource.js';
import { ARCHIVE, type BackupManifest } from './manifest.js';
import { readConsistentSnapshot, type SnapshotSummary } from './snapshotStream.js';

export interface BackupReport {
  file: string;
  manifest: BackupManifest;
  bytes: number;
}

/** Uploaded files written before `takenAt`, as `files/<ab>/<key>` paths. */
async function uploadedFiles(filesDir: string, takenAt: Date): Promise<string[]> {
  const found: string[] = [];
  const shards = await readdir(filesDir, { withFileTypes: true }).catch(() => []);
  for (const shard of shards) {
    if (!shard.isDirectory()) continue;
    for (const name of await readdir(path.join(filesDir, shard.name))) {
      const info = await stat(path.join(filesDir, shard.name, name));
      // A file is stored before the write that refers to it: one newer than the database copy is not referred
      // to by it (and may still be being written).
      if (info.isFile() && info.mtimeMs <= takenAt.getTime())
        found.push(`${ARCHIVE.files}/${shard.name}/${name}`);
    }
  }
  return found.sort();
}

/**
 * Writes a consistent archive (tar.gz) of the embedded deployment in `dataDir`, running or not: the database as
 * of one instant (an engine snapshot file, as the engine itself would load it), the uploaded files it can refer
 * to, and the generated session secret. The archive appears at `file` only once complete.
 */
export async function backupEmbedded(dataDir: string, file: string): Promise<BackupReport> {
  const staging = await mkdtemp(path.join(tmpdir(), 'rl-backup-'));
  const partial = `${file}.partial`;
  try {
    await mkdir(path.join(staging, path.dirname(ARCHIVE.snapshot)));
    const collections: Record<string, number> = {};
    const source = await openEmbeddedSource(dataDir);
    let writer: SnapshotWriter | undefined;
    let summary: SnapshotSummary;
    try {
      summary = await readConsistentSnapshot(source.uri, {
        async begin({ collections: n }) {
          writer = await SnapshotWriter.create(path.join(staging, ARCHIVE.snapshot), 1, n);
        },
        async collection({ count, ...meta }) {
          collections[meta.ns] = count;
          await writer!.collection(meta);
        },
        doc: (_ns, doc) => writer!.doc(doc),
      });
      await writer!.finish();
    } catch (err) {
      await writer?.abort();
      throw err;
    } finally {
      await source.close();
    }

    const entries: string[] = [ARCHIVE.manifest, ARCHIVE.snapshot];
    const secret = path.join(dataDir, ARCHIVE.sessionSecret);
    const sessionSecret = await stat(secret).then(
      (s) => s.isFile(),
      () => false,
    );
    if (sessionSecret) {
      await copyFile(secret, path.join(staging, ARCHIVE.sessionSecret));
      entries.push(ARCHIVE.sessionSecret);
    }
    // The files stay where they are: the archive reads them through a link.
    await symlink(path.resolve(dataDir, ARCHIVE.files), path.join(staging, ARCHIVE.files));
    const files = await uploadedFiles(path.join(dataDir, ARCHIVE.files), summary.takenAt);
    entries.push(...files);

    const manifest: BackupManifest = {
      format: 'resourcelink-backup',
      version: 1,
      serverVersion: VERSION,
      takenAt: summary.takenAt.toISOString(),
      source: source.runningPid ? 'running' : 'stopped',
      collections,
      documents: summary.documents,
      files: files.length,
      sessionSecret,
    };
    await writeFile(path.join(staging, ARCHIVE.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
    await create({ gzip: true, file: partial, cwd: staging, portable: true }, entries);
    await rename(partial, file);
    return { file, manifest, bytes: (await stat(file)).size };
  } finally {
    await rm(partial, { force: true });
    await rm(staging, { recursive: true, force: true });
  }
}
