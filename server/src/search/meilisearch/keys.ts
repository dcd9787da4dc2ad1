/**
 * The servers' own Meilisearch key, made once with the master key (`npm run meili:keys`, or the compose stack's
 * `meili-keys` service at first start). It may do what the adapter does, on the listing indexes only: search,
 * write and delete documents, and keep its index (create, settings, swap in a rebuild, drop the old one, read
 * tasks and stats). It cannot read or make keys, dump, snapshot or touch another index: the master key stays with
 * whoever sets the stack up.
 */
import { Meilisearch, type Key } from 'meilisearch';
import type { MeilisearchApiError } from 'meilisearch';

/** Fixed, so that running the set-up again finds the key it made rather than making another. */
export const SERVER_KEY_UID = '5f0a3c9e-7b1d-4e52-9a86-2c4d1e7f9b30';

/** Exactly the calls MeilisearchEngine makes (see engine.ts), in Meilisearch 1.11's action names. */
export const SERVER_KEY_ACTIONS = [
  'search',
  'documents.add',
  'documents.delete',
  'indexes.create',
  'indexes.delete',
  'indexes.swap',
  'settings.update',
  'tasks.get',
  'stats.get',
] as const;

/** The live index and the fresh ones a rebuild fills (`<name>_rebuild_<time>`). */
export const serverKeyIndexes = (indexName = 'listings') => [indexName, `${indexName}_rebuild_*`];

/** Makes the servers' key if it does not exist yet and returns it; refuses a key of that uid with other rights. */
export async function ensureServerKey(
  host: string,
  masterKey: string,
  indexName = 'listings',
): Promise<string> {
  const client = new Meilisearch({ host, apiKey: masterKey });
  const wanted = {
    actions: [...SERVER_KEY_ACTIONS],
    indexes: serverKeyIndexes(indexName),
  };
  let key: Key;
  try {
    key = await client.createKey({
      uid: SERVER_KEY_UID,
      name: 'resourcelink-server',
      description: 'ResourceLink servers: search and documents of the listing indexes (npm run meili:keys)',
      expiresAt: null,
      ...wanted,
    });
  } catch (err) {
    if ((err as MeilisearchApiError).cause?.code !== 'api_key_already_exists') throw err;
    key = await client.getKey(SERVER_KEY_UID);
    const same = (a: readonly string[], b: readonly string[]) =>
      a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);
    if (!same(key.actions, wanted.actions) || !same(key.indexes, wanted.indexes)) {
      // Meilisearch cannot change a key's rights: it has to be deleted and made again.
      throw new Error(
        `the Meilisearch key ${SERVER_KEY_UID} exists with other rights; delete it (DELETE /keys/${SERVER_KEY_UID}) and run this again`,
      );
    }
  }
  return key.key;
}
