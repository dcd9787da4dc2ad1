/**
 * The servers' Meilisearch key, made with the master key against a stand-in that checks keys as Meilisearch 1.11
 * does: the set-up is idempotent, the key's actions are ones 1.11 knows, the key is enough for everything the
 * adapter does and for nothing beyond the listing indexes.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_ACTIONS_1_11, PinnedMeilisearch } from '../../../test/meilisearch/pinnedMeilisearch.js';
import { loadConfig } from '../../config/index.js';
import { fixtureDocuments } from '../contract.fixtures.js';
import { MeilisearchEngine } from './engine.js';
import { ensureServerKey, SERVER_KEY_UID } from './keys.js';

const MASTER = 'keys-test-master-key';
const repoRoot = path.resolve(import.meta.dirname, '../../../..');
let meili: PinnedMeilisearch;

beforeAll(async () => {
  meili = await new PinnedMeilisearch(MASTER).start();
});
afterAll(() => meili.stop());

describe("the servers' Meilisearch key", () => {
  let key: string;

  it('is made once with the master key, with actions 1.11 knows and the listing indexes only', async () => {
    key = await ensureServerKey(meili.url, MASTER);
    expect(await ensureServerKey(meili.url, MASTER)).toBe(key);
    const made = meili.requests.filter((r) => r.method === 'POST' && r.path === '/keys');
    expect(made).toHaveLength(2);
    expect(made.every((r) => r.key === MASTER)).toBe(true);
    expect(made[0]!.body).toMatchObject({
      uid: SERVER_KEY_UID,
      expiresAt: null,
      indexes: ['listings', 'listings_rebuild_*'],
    });
    const actions = (made[0]!.body as { actions: string[] }).actions;
    expect(actions.every((a) => KEY_ACTIONS_1_11.has(a))).toBe(true);
    expect(actions).not.toContain('*');
    expect(actions.some((a) => a.startsWith('keys.'))).toBe(false);
    expect(key).not.toBe(MASTER);
  });

  it('is enough for everything the adapter does, rebuild included', async () => {
    const engine = new MeilisearchEngine({ host: meili.url, apiKey: key });
    await engine.ensureIndex();
    await engine.upsert(fixtureDocuments.slice(0, 4));
    await engine.delete([fixtureDocuments[0]!.id], { wait: false });
    expect((await engine.checkWrites()).failed).toEqual([]);
    await engine.search({ q: '老人', facets: ['kind'] });
    await engine.rebuild([fixtureDocuments]);
    expect((await engine.stats()).documents).toBe(fixtureDocuments.length);
    const withKey = meili.requests.filter((r) => r.key === key);
    const paths = new Set(
      withKey.map((r) => `${r.method} ${r.path.replace(/listings_rebuild_\d+/, 'fresh')}`),
    );
    for (const call of [
      'POST /indexes',
      'PATCH /indexes/listings/settings',
      'POST /swap-indexes',
      'DELETE /indexes/fresh',
    ]) {
      expect(paths).toContain(call);
    }
  });

  it('can neither make keys nor touch another index', async () => {
    const client = new Meilisearch({ host: meili.url, apiKey: key });
    await expect(client.createKey({ actions: ['*'], indexes: ['*'], expiresAt: null })).rejects.toMatchObject(
      {
        cause: { code: 'invalid_api_key' },
      },
    );
    await expect(client.createIndex('organizations')).rejects.toMatchObject({
      cause: { code: 'invalid_api_key' },
    });
  });

  it('refuses to reuse a key of its uid that has other rights', async () => {
    const other = await new PinnedMeilisearch(MASTER).start();
    try {
      await new Meilisearch({ host: other.url, apiKey: MASTER }).createKey({
        uid: SERVER_KEY_UID,
        actions: ['*'],
        indexes: ['*'],
        expiresAt: null,
      });
      await expect(ensureServerKey(other.url, MASTER)).rejects.toThrow(/other rights/);
    } finally {
      await other.stop();
    }
  });

  it('is written by `npm run meili:keys -- --write` for MEILI_API_KEY_FILE, readable by its owner only', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rl-keys-'));
    try {
      const file = path.join(dir, 'meili-api-key');
      await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'scripts/meili-keys.ts', '--write', file],
        {
          cwd: repoRoot,
          env: { ...process.env, MEILI_HOST: meili.url, MEILI_MASTER_KEY: MASTER },
        },
      );
      expect((await readFile(file, 'utf8')).trim()).toBe(key);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const config = loadConfig({ MEILI_HOST: meili.url, MEILI_API_KEY_FILE: file });
      expect(config.MEILI_API_KEY).toBe(key);
      expect(config.MEILI_MASTER_KEY).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
