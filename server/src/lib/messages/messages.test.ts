import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { signedIn } from '../../../test/factories.js';
import { messageCatalog, thingNames, translate } from './index.js';

const paramsOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalog', () => {
  it('says every message in both languages, the Chinese using no parameter the English lacks', () => {
    for (const [key, text] of Object.entries(messageCatalog)) {
      expect(text['zh-CN'], key).toMatch(/[\u4e00-\u9fff]/);
      expect(text.en, key).toMatch(/^[\x20-\x7e“”’]+$/);
      expect(paramsOf(text.en), key).toEqual(expect.arrayContaining(paramsOf(text['zh-CN'])));
    }
    for (const [thing, name] of Object.entries(thingNames))
      expect(name['zh-CN'], thing).toMatch(/[\u4e00-\u9fff]/);
  });

  it('fills parameters, in the reader’s language when they carry both', () => {
    const message = { key: 'request.notFound' as const, params: { thing: thingNames.Listing } };
    expect(translate(message, 'zh-CN')).toBe('该信息不存在');
    expect(translate(message, 'en')).toBe('Listing not found');
    expect(translate({ key: 'match.noCapacity', params: { title: '助餐' } }, 'zh-CN')).toBe(
      '「助餐」的名额已满',
    );
  });
});

describe('error answers in the reader’s language', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });
  const missing = '/api/listings/0123456789abcdef01234567';

  it('speak Chinese by default and follow Accept-Language; the code stays', async () => {
    const visitor = server.client();
    const zh = await visitor.get(missing);
    expect(zh.status).toBe(404);
    expect(zh.body.error).toMatchObject({ code: 'not_found', message: '该信息不存在' });

    const en = await visitor.agent.get(missing).set('Accept-Language', 'en-US,en;q=0.9');
    expect(en.body.error).toMatchObject({ code: 'not_found', message: 'Listing not found' });
    const zhAsked = await visitor.agent.get(missing).set('Accept-Language', 'zh-CN,zh;q=0.9,en;q=0.5');
    expect(zhAsked.body.error.message).toBe('该信息不存在');
  });

  it('translate validation details, field by field', async () => {
    const visitor = server.client();
    const body = { email: 'not-an-email', password: 'short', name: '', role: 'resident' };
    const zh = await visitor.post('/api/auth/register', body);
    expect(zh.status).toBe(400);
    expect(zh.body.error.code).toBe('validation_failed');
    expect(zh.body.error.message).toBe('填写的内容有误，请检查标出的项');
    const byPath = Object.fromEntries(
      (zh.body.error.details as { path: string; message: string }[]).map((d) => [d.path, d.message]),
    );
    expect(byPath).toMatchObject({ email: '须为电子邮箱地址', password: '至少 8 个字符' });

    const en = await visitor.agent
      .post('/api/auth/register')
      .set('Accept-Language', 'en')
      .set('X-CSRF-Token', await visitor.csrfToken())
      .send(body);
    expect(en.body.error.message).toBe('Invalid request body');
    expect(en.body.error.details.map((d: { message: string }) => d.message)).toContain(
      'at least 8 characters',
    );
  });

  it("follow the account's language over the browser's", async () => {
    const { client } = await signedIn(server, { role: 'resident' });
    const chose = await client.patch('/api/auth/me', { locale: 'en' });
    expect(chose.status).toBe(200);
    expect(chose.body.user.locale).toBe('en');
    const en = await client.agent.get(missing).set('Accept-Language', 'zh-CN');
    expect(en.body.error.message).toBe('Listing not found');
    const refused = await client.post('/api/listings', { side: 'offer' });
    expect(refused.body.error.message).toBe('Invalid request body');

    await client.patch('/api/auth/me', { locale: 'zh-CN' });
    const zh = await client.agent.get(missing).set('Accept-Language', 'en');
    expect(zh.body.error.message).toBe('该信息不存在');
  });

  it('name a conflict in Chinese, with its parameters', async () => {
    const { client } = await signedIn(server, { role: 'resident' });
    const res = await client.post('/api/matches', {
      needId: '0123456789abcdef01234567',
      offerId: '0123456789abcdef01234568',
    });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('该信息不存在');
  });
});
