import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import type { Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { buildBase, buildOrganization, buildUser, login } from '../../test/factories.js';
import { backupEmbedded } from './backup.js';
import { restoreEmbedded } from './restore.js';

const APP_COLLECTIONS = ['users', 'organizations', 'bases'];
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const db = () => mongoose.connection.db!;

async function allDocs(name: string): Promise<Document[]> {
  return db().collection(name).find().sort({ _id: 1 }).toArray();
}

/** Writes go on beside the backup: numbered documents one after another, and stored files with a record each. */
function startWriters(server: TestServer) {
  let seq = 0;
  let files = 0;
  let running = true;
  const numbered = (async () => {
    while (running) await db().collection('backup_writes').insertOne({ seq: ++seq });
  })();
  const stored = (async () => {
    while (running) {
      const data = Buffer.from(`证书 ${files + 1} ${'x'.repeat(files * 37)}`);
      const key = await server.ctx.storage.put(data);
      await db()
        .collection('backup_files')
        .insertOne({ key, sha: sha(data) });
      files++;
    }
  })();
  return {
    acknowledged: () => ({ seq, files }),
    async stop() {
      running = false;
      await Promise.all([numbered, stored]);
      return { seq, files };
    },
  };
}

async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('backup and restore of a running embedded deployment', () => {
  let work: string;
  let source: TestServer;
  let dataDir: string;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'rl-backup-test-'));
    dataDir = path.join(work, 'source');
    source = await startTestServer({ MONGODB_URI: '' }, { dataDir });
  });

  afterAll(async () => {
    await source?.stop().catch(() => {});
    await rm(work, { recursive: true, force: true });
  });

  it('archives one instant while writes go on; a server on the restored directory holds every document and file', async () => {
    const member = await buildUser({ role: 'organization' });
    await buildOrganization(member);
    await buildBase();
    const writers = startWriters(source);
    await until(() => writers.acknowledged().seq >= 20 && writers.acknowledged().files >= 5);
    const before = writers.acknowledged();

    const archive = path.join(work, 'backup.tar.gz');
    const { manifest } = await backupEmbedded(dataDir, archive);
    const during = writers.acknowledged();
    await until(() => writers.acknowledged().seq > during.seq + 5);
    const after = await writers.stop();

    expect(manifest.source).toBe('running');
    expect(existsSync(`${archive}.partial`)).toBe(false);
    const sourceDocs = Object.fromEntries(
      await Promise.all(APP_COLLECTIONS.map(async (name) => [name, await allDocs(name)] as const)),
    );
    await source.stop();

    // Refused over existing data, and nothing is touched.
    await expect(restoreEmbedded(archive, dataDir)).rejects.toThrow(/is not empty/);

    const restoredDir = path.join(work, 'restored');
    const restoredManifest = await restoreEmbedded(archive, restoredDir);
    expect(restoredManifest).toEqual(manifest);
    const restored = await startTestServer({ MONGODB_URI: '' }, { dataDir: restoredDir });
    try {
      // The application's documents, every one, unchanged.
      for (const name of APP_COLLECTIONS) expect(await allDocs(name), name).toEqual(sourceDocs[name]);

      // One instant: the numbered writes are 1..k without a gap, k at least what was acknowledged before.
      const seqs = (await allDocs('backup_writes')).map((d) => d.seq as number).sort((a, b) => a - b);
      expect(seqs.length).toBeGreaterThanOrEqual(before.seq);
      expect(seqs.length).toBeLessThan(after.seq);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      expect(manifest.collections['resourcelink.backup_writes']).toBe(seqs.length);

      // Every file a restored record refers to is there, byte for byte.
      const records = await allDocs('backup_files');
      expect(records.length).toBeGreaterThanOrEqual(before.files);
      for (const record of records) {
        const chunks: Buffer[] = [];
        for await (const chunk of await restored.ctx.storage.open(record.key as string))
          chunks.push(chunk as Buffer);
        expect(sha(Buffer.concat(chunks))).toBe(record.sha);
      }
      expect(manifest.files).toBeGreaterThanOrEqual(records.length);
      expect(await readFile(path.join(restoredDir, 'session-secret'), 'utf8').catch(() => 'none')).toBe(
        await readFile(path.join(dataDir, 'session-secret'), 'utf8').catch(() => 'none'),
      );

      // The restored server works: the organization's member signs in with the password of the source.
      await login(restored.client(), member.email);
    } finally {
      await restored.stop();
    }
  });

  it('backs up a stopped directory too, and refuses a damaged archive without leaving anything behind', async () => {
    const archive = path.join(work, 'stopped.tar.gz');
    const { manifest } = await backupEmbedded(dataDir, archive);
    expect(manifest.source).toBe('stopped');
    expect(manifest.documents).toBeGreaterThan(0);

    const damaged = path.join(work, 'damaged.tar.gz');
    await writeFile(damaged, await readFile(archive));
    await truncate(damaged, Math.floor((await stat(damaged)).size / 2));
    const target = path.join(work, 'from-damaged');
    await expect(restoreEmbedded(damaged, target)).rejects.toThrow();
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.restoring-${process.pid}`)).toBe(false);

    const notBackup = path.join(work, 'not-a-backup.tar.gz');
    await writeFile(notBackup, 'hello');
    await expect(restoreEmbedded(notBackup, target)).rejects.toThrow(/cannot read/);
  });

  it('says where no embedded database is', async () => {
    await expect(
      backupEmbedded(path.join(work, 'nothing-here'), path.join(work, 'x.tar.gz')),
    ).rejects.toThrow(/holds no embedded database/);
  });
});
