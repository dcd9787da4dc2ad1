import { mkdir, readFile, readdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { extract } from 'tar';
import { loadSnapshot } from '../db/embedded/durability/snapshot.js';
import { Catalog } from '../db/embedded/storage/catalog.js';
import { OpsError } from './errors.js';
import { ARCHIVE, UPLOADED_FILE, backupManifestSchema, type BackupManifest } from './manifest.js';

const ALLOWED = new Set<string>([ARCHIVE.manifest, ARCHIVE.snapshot, ARCHIVE.sessionSecret]);

/** Whether an archive entry is one a backup writes (directories on the way included). */
function expectedEntry(name: string): boolean {
  const clean = name.replace(/\/$/, '');
  return (
    ALLOWED.has(clean) ||
    UPLOADED_FILE.test(clean) ||
    clean === path.dirname(ARCHIVE.snapshot) ||
    clean === ARCHIVE.files ||
    /^files\/[a-f0-9]{2}$/.test(clean)
  );
}

/** Refuses a DATA_DIR that holds anything: a restore never overwrites data. */
async function requireEmpty(dataDir: string): Promise<boolean> {
  const names = await readdir(dataDir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (!names) return false;
  if (names.length > 0) {
    const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ', …' : '');
    throw new OpsError(
      `${dataDir} is not empty (it holds ${shown}): restore only into an empty or new DATA_DIR, so that no data is overwritten`,
    );
  }
  return true;
}

/** Checks what was unpacked against its manifest: the snapshot loads whole, with the counts the manifest names. */
async function verify(dir: string): Promise<BackupManifest> {
  const raw = await readFile(path.join(dir, ARCHIVE.manifest), 'utf8').catch(() => {
    throw new OpsError('this is not a ResourceLink backup (no manifest.json)');
  });
  const parsed = backupManifestSchema.safeParse(JSON.parse(raw));
  if (!parsed.success)
    throw new OpsError(`the backup's manifest is not one this version reads: ${parsed.error.message}`);
  const manifest = parsed.data;
  const catalog = new Catalog();
  if (loadSnapshot(path.join(dir, path.dirname(ARCHIVE.snapshot)), catalog) === undefined) {
    throw new OpsError('the backup holds no database snapshot');
  }
  for (const [ns, count] of Object.entries(manifest.collections)) {
    const [db, name] = [ns.slice(0, ns.indexOf('.')), ns.slice(ns.indexOf('.') + 1)];
    const found = catalog.collection(db, name)?.docs.size;
    if (found !== count)
      throw new OpsError(`the backup's ${ns} holds ${found ?? 0} documents, its manifest ${count}`);
  }
  const shards = await readdir(path.join(dir, ARCHIVE.files)).catch(() => []);
  let files = 0;
  for (const shard of shards) files += (await readdir(path.join(dir, ARCHIVE.files, shard))).length;
  if (files !== manifest.files)
    throw new OpsError(`the backup holds ${files} files, its manifest ${manifest.files}`);
  return manifest;
}

/**
 * Restores an archive of `npm run backup` into `dataDir`, which must be empty or missing. It is unpacked beside
 * it and checked first, then moved into place in one rename, so a failed restore leaves nothing half-written.
 */
export async function restoreEmbedded(file: string, dataDir: string): Promise<BackupManifest> {
  const target = path.resolve(dataDir);
  const existed = await requireEmpty(target);
  const staging = `${target}.restoring-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    const unexpected: string[] = [];
    await extract({
      file,
      cwd: staging,
      strict: true,
      filter: (name) => expectedEntry(name) || (unexpected.push(name), false),
    }).catch((err: Error) => {
      throw new OpsError(`cannot read ${file} as a backup archive: ${err.message}`);
    });
    if (unexpected.length > 0) {
      throw new OpsError(`the archive holds entries no backup writes: ${unexpected.slice(0, 5).join(', ')}`);
    }
    const manifest = await verify(staging);
    await requireEmpty(target); // nothing appeared meanwhile
    if (existed) await rmdir(target);
    await rename(staging, target);
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
