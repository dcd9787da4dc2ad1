import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { buildBase, signedIn } from '../../../test/factories.js';
import { catalogParts, messageCatalog } from './catalog.js';
import { schemaWordInZh } from './schemaWords.js';

const sharedSource = fileURLToPath(new URL('../../../../shared/src', import.meta.url));

/** The English messages the shared schemas give: `message: '…'`, a last argument `'…')`, a sole one `('…')`. */
function schemaMessages(): Set<string> {
  const found = new Set<string>();
  const patterns = [
    /message:\s*'([^']+)'/g,
    /,\s*'([a-z][^']*\s[^']*)'\s*,?\s*\)/g,
    /(?<!describe|Error)\(\s*'([a-z][^']*\s[^']*)'\s*\)/g,
  ];
  for (const entry of readdirSync(sharedSource, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
    const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.add(m[1]!);
  }
  return found;
}

describe('the catalog covers every message', () => {
  it('keeps each key in one part only', () => {
    const total = catalogParts.reduce((n, part) => n + Object.keys(part).length, 0);
    expect(Object.keys(messageCatalog)).toHaveLength(total);
  });

  it("has Chinese words for every message of the shared schemas (a new refinement's words fail here)", () => {
    const messages = schemaMessages();
    expect(messages.size).toBeGreaterThan(30);
    const untranslated = [...messages].filter((m) => !schemaWordInZh(m));
    expect(untranslated).toEqual([]);
  });

  it('says a credit code problem in Chinese with what was found', () => {
    expect(schemaWordInZh('invalid unified social credit code: unknown registration authority: X')).toBe(
      '统一社会信用代码无效：登记管理部门代码 X 无效',
    );
    expect(schemaWordInZh('invalid unified social credit code: the check character does not match')).toBe(
      '统一社会信用代码无效：校验码不符',
    );
  });
});

describe('the bases half answers in the reader’s language', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('by Accept-Language, then by the account’s choice; the code stays', async () => {
    const [own, other] = [await buildBase(), await buildBase()];
    const { client } = await signedIn(server, { role: 'operator', baseId: own._id });
    const url = `/api/stats?baseId=${other._id}`;

    const zh = await client.get(url);
    expect(zh.status).toBe(403);
    expect(zh.body.error).toMatchObject({
      code: 'forbidden',
      message: '运营方只能查看本基地的统计：请指定本基地的 baseId',
    });
    const en = await client.agent.get(url).set('Accept-Language', 'en-GB,en;q=0.8');
    expect(en.body.error).toMatchObject({
      code: 'forbidden',
      message: 'Operators read the statistics of their own base only: give baseId of your base',
    });

    await client.patch('/api/auth/me', { locale: 'en' });
    const chosen = await client.agent.get(url).set('Accept-Language', 'zh-CN');
    expect(chosen.body.error.message).toMatch(/^Operators read the statistics/);
  });

  it("words a schema's refinement in Chinese, field by field", async () => {
    const { client } = await signedIn(server, { role: 'bureau' });
    const zh = await client.get('/api/stats?from=2025-06-01&to=2025-01-01');
    expect(zh.status).toBe(400);
    expect(zh.body.error.details).toContainEqual(
      expect.objectContaining({ path: 'to', message: '结束时间早于开始时间' }),
    );
    const en = await client.agent
      .get('/api/stats?from=2025-06-01&to=2025-01-01')
      .set('Accept-Language', 'en');
    expect(en.body.error.details).toContainEqual(
      expect.objectContaining({ path: 'to', message: 'the end is before the start' }),
    );
  });
});
