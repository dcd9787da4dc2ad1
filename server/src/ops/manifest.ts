import { z } from 'zod';
import { SNAPSHOT_FILE } from '../db/embedded/durability/snapshot.js';

/** What `npm run backup` writes into an archive beside the data, and `npm run restore` checks it against. */
export const backupManifestSchema = z.object({
  format: z.literal('resourcelink-backup'),
  version: z.literal(1),
  serverVersion: z.string(),
  /** The instant the database copy stands for (UTC, ISO 8601). */
  takenAt: z.string(),
  /** Whether a running server's engine answered, or the stopped data directory was opened. */
  source: z.enum(['running', 'stopped']),
  /** Documents per namespace (`db.collection`). */
  collections: z.record(z.string(), z.number().int().min(0)),
  documents: z.number().int().min(0),
  /** Uploaded files (`files/<ab>/<key>`). */
  files: z.number().int().min(0),
  sessionSecret: z.boolean(),
});

export type BackupManifest = z.infer<typeof backupManifestSchema>;

/** The archive's layout: these names and nothing else. */
export const ARCHIVE = {
  manifest: 'manifest.json',
  /** Restored as `<DATA_DIR>/db/snapshot.bson`, which the engine loads at start. */
  snapshot: `db/${SNAPSHOT_FILE}`,
  sessionSecret: 'session-secret',
  files: 'files',
} as const;

/** An uploaded file's path inside the archive and DATA_DIR (see DiskFileStorage). */
export const UPLOADED_FILE = /^files\/[a-f0-9]{2}\/[a-f0-9]{32}$/;
