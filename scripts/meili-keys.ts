/**
 * `npm run meili:keys [-- --write <file>]`: with MEILI_HOST and MEILI_MASTER_KEY, makes (once) the key the servers
 * use for Meilisearch and prints it, or writes it to <file> (mode 0600) for the servers' MEILI_API_KEY_FILE. The
 * compose stack runs this as its `meili-keys` service before the servers start; see docs/deployment.md.
 */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../server/src/config/index.js';
import { ensureServerKey } from '../server/src/search/meilisearch/keys.js';

const config = loadConfig();
if (!config.MEILI_HOST || !config.MEILI_MASTER_KEY) {
  console.error('meili:keys needs MEILI_HOST and MEILI_MASTER_KEY');
  process.exit(1);
}
const key = await ensureServerKey(config.MEILI_HOST, config.MEILI_MASTER_KEY);
const at = process.argv.indexOf('--write');
const file = at >= 0 ? process.argv[at + 1] : undefined;
if (!file) {
  console.log(key);
} else {
  const current = await readFile(file, 'utf8').catch(() => '');
  if (current.trim() !== key) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${key}\n`, { mode: 0o600 });
  }
  await chmod(file, 0o600);
  console.log(`the servers' Meilisearch key is in ${file}`);
}
