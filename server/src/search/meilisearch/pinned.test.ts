import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PINNED_MEILISEARCH } from './pinned.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('the pinned Meilisearch pair', () => {
  it('is the image docker-compose.yml runs', () => {
    const images = [...read('docker-compose.yml').matchAll(/image:\s*getmeili\/meilisearch:v?(\S+)/g)];
    expect(images.map((m) => m[1])).toEqual([PINNED_MEILISEARCH.server]);
  });

  it('is the client server/package.json asks for and node_modules holds', () => {
    const declared = JSON.parse(read('server/package.json')) as { dependencies: Record<string, string> };
    expect(declared.dependencies.meilisearch).toBe(PINNED_MEILISEARCH.client);
    const installed = createRequire(import.meta.url)('meilisearch/package.json') as { version: string };
    expect(installed.version).toBe(PINNED_MEILISEARCH.client);
  });

  it('is the pair docs/deployment.md states', () => {
    const docs = read('docs/deployment.md');
    expect(docs).toContain(`getmeili/meilisearch:v${PINNED_MEILISEARCH.server}`);
    expect(docs).toContain(`meilisearch@${PINNED_MEILISEARCH.client}`);
  });
});
