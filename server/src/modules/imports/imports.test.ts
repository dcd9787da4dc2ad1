import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar, errorBodySchema, importResultSchema, MAX_IMPORT_BYTES } from '@app/shared';
import { startTestServer, type TestClient, type TestServer } from '../../../test/harness.js';
import { buildBase, buildOrganization, buildUser, signedIn } from '../../../test/factories.js';
import { AuditEventModel } from '../audit/model.js';
import { ListingModel } from '../listings/model.js';
import { OrganizationModel, type OrganizationRecord } from '../organizations/model.js';
import { columns, headingOf } from './columns.js';

let server: TestServer;
let bureau: TestClient;
let operator: TestClient;
let ownOrg: OrganizationRecord;
let otherOrg: OrganizationRecord;

let serial = 0;
/** A valid credit code of a social service agency registered in Xuhui. */
const creditCode = () => {
  const first17 = `52310104MJ${String(++serial).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17);
};
const withWrongCheck = (code: string) => code.slice(0, 17) + (code[17] === '0' ? '1' : '0');

beforeAll(async () => {
  server = await startTestServer();
  const xuhui = await buildBase({ name: '徐汇区社会组织培育基地', district: '310104' });
  const pudong = await buildBase({ name: '浦东新区社会组织培育基地', district: '310115' });
  ownOrg = await buildOrganization(await buildUser({ role: 'organization' }), {
    creditCode: creditCode(),
    baseId: xuhui._id,
  });
  otherOrg = await buildOrganization(await buildUser({ role: 'organization' }), {
    creditCode: creditCode(),
    district: '310115',
    baseId: pudong._id,
  });
  bureau = (await signedIn(server, { role: 'bureau' })).client;
  operator = (await signedIn(server, { role: 'operator', baseId: xuhui._id })).client;
});
afterAll(async () => {
  await server?.stop();
});

/** An xlsx file with the template's headings and these rows (by column key). */
async function sheet(type: 'organizations' | 'listings', rows: Record<string, unknown>[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('data');
  const cols = columns[type];
  ws.addRow(cols.map(headingOf));
  for (const r of rows) ws.addRow(cols.map((c) => (r[c.key] ?? null) as ExcelJS.CellValue));
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Uploads a sheet; `language` is the reader's Accept-Language (none: the default, Chinese). */
async function upload(
  client: TestClient,
  query: string,
  file: Buffer,
  filename = 'import.xlsx',
  language?: string,
) {
  const token = await client.csrfToken();
  const req = client.agent.post(`/api/imports?${query}`).set('X-CSRF-Token', token);
  if (language) req.set('Accept-Language', language);
  return req.attach('file', file, filename);
}

const org = (fields: Record<string, unknown>) => ({
  name: '新华社区服务社',
  type: '社会服务机构',
  domains: '养老服务、助残服务',
  district: '徐汇区',
  description: '为社区长者提供服务',
  ...fields,
});

describe('importing organizations', () => {
  it('offers a template whose first row names every column', async () => {
    const res = await bureau.download('/api/imports/template?type=organizations');
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as ExcelJS.Buffer);
    const headings = (book.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(headings).toEqual(columns.organizations.map(headingOf));
    expect(book.worksheets.map((w) => w.name)).toContain('填写说明');
  });

  it('rejects exactly the bad rows with their reasons; a dry run writes nothing; then each good row is imported', async () => {
    const good = creditCode();
    const file = await sheet('organizations', [
      org({ name: '新华社区服务社', creditCode: good }),
      org({ name: '校验位错误的机构', creditCode: withWrongCheck(creditCode()) }),
      org({ name: '邻里互助项目组', type: 'project-team', creditCode: undefined }),
      org({ name: undefined }),
      org({ name: '重复代码的机构', creditCode: good }),
      org({ name: '未知区的机构', creditCode: creditCode(), district: '火星区' }),
    ]);
    const before = await OrganizationModel.countDocuments();

    const dry = await upload(bureau, 'type=organizations&dryRun=true', file);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    const planned = importResultSchema.parse(dry.body);
    expect(planned).toMatchObject({ imported: 2, dryRun: true, rows: 6 });
    expect(planned.rejected.map((r) => [r.row, r.field])).toEqual([
      [3, 'creditCode'],
      [5, 'name'],
      [6, 'creditCode'],
      [7, 'district'],
    ]);
    // The reasons in the reader's language: Chinese by default, as the API's errors.
    expect(planned.rejected[0]!.message).toBe('统一社会信用代码无效：校验码不符');
    expect(planned.rejected[1]!.message).toBe('必填');
    expect(planned.rejected[2]!.message).toBe('该统一社会信用代码在本表中出现了两次');
    const english = await upload(
      bureau,
      'type=organizations&dryRun=true',
      file,
      'import.xlsx',
      'en-GB,en;q=0.8',
    );
    expect(importResultSchema.parse(english.body).rejected.map((r) => [r.row, r.field])).toEqual(
      planned.rejected.map((r) => [r.row, r.field]),
    );
    expect(english.body.rejected[0].message).toMatch(/check character/);
    expect(english.body.rejected[2].message).toBe('appears twice in this sheet');
    expect(await OrganizationModel.countDocuments()).toBe(before);

    const done = importResultSchema.parse((await upload(bureau, 'type=organizations', file)).body);
    expect(done.imported).toBe(2);
    expect(done.rejected).toEqual(planned.rejected);
    expect(await OrganizationModel.countDocuments()).toBe(before + 2);
    const created = await OrganizationModel.findOne({ creditCode: good }).lean();
    expect(created).toMatchObject({
      name: '新华社区服务社',
      type: 'social-service',
      domains: ['elderly', 'disability'],
    });
    expect(created!.verification?.status).toBe('pending');
    await server.ctx.events.settle();
    expect(await AuditEventModel.countDocuments({ type: 'import.completed' })).toBe(1);

    // Importing the same file again: every row is now a duplicate or bad, nothing is written.
    const again = importResultSchema.parse((await upload(bureau, 'type=organizations', file)).body);
    expect(again.imported).toBe(1); // the project team has no credit code to collide on
    expect(again.rejected.map((r) => r.row)).toEqual([2, 3, 5, 6, 7]);
  });
});

describe("an operator's organizations", () => {
  it("are those of its base's area: another district's row is refused", async () => {
    const file = await sheet('organizations', [
      org({ name: '徐汇本区的服务社', creditCode: creditCode() }),
      org({ name: '浦东的服务社', creditCode: creditCode(), district: '浦东新区' }),
    ]);
    const result = importResultSchema.parse(
      (await upload(operator, 'type=organizations&dryRun=true', file)).body,
    );
    expect(result.imported).toBe(1);
    expect(result.rejected).toEqual([{ row: 3, field: 'district', message: '不在本基地的属地范围内' }]);
    const english = await upload(operator, 'type=organizations&dryRun=true', file, 'x.xlsx', 'en');
    expect(english.body.rejected).toEqual([
      { row: 3, field: 'district', message: "outside your base's area" },
    ]);
  });

  it("lists every problem of a row, each worded in the reader's language", async () => {
    const file = await sheet('organizations', [org({ name: undefined, district: '火星区' })]);
    const zh = importResultSchema.parse(
      (await upload(operator, 'type=organizations&dryRun=true', file)).body,
    );
    expect(zh.rejected).toHaveLength(1);
    expect(zh.rejected[0]!.field).toBe('name');
    expect(zh.rejected[0]!.message).toMatch(/^必填（另有 district：[^a-z]+）$/);
    const en = await upload(operator, 'type=organizations&dryRun=true', file, 'x.xlsx', 'en');
    expect(en.body.rejected[0].message).toMatch(/^\S.* \(also district: [\x20-\x7e]+\)$/);
  });
});

describe('importing listings', () => {
  const listing = (fields: Record<string, unknown>) => ({
    organizationCreditCode: ownOrg.creditCode,
    side: '资源',
    kind: 'service',
    subkind: 'community-service',
    title: '长者午间助餐服务',
    description: '每天中午为社区长者送餐上门',
    domains: 'elderly',
    district: '310104',
    ...fields,
  });

  it("posts an operator's rows for its own base's organizations through the listing service, refusing the others", async () => {
    const file = await sheet('listings', [
      listing({ title: '导入的助餐服务资源' }),
      listing({ organizationCreditCode: otherOrg.creditCode }),
      listing({ kind: 'funding', subkind: 'grant', amountMin: 5000, amountMax: 1000 }),
      listing({ kind: '外星服务' }),
      listing({ organizationCreditCode: creditCode() }),
      listing({
        side: '需求',
        title: '导入的志愿者需求',
        kind: 'talent',
        subkind: 'volunteer',
        capacity: 5,
        startsAt: '2030-03-01',
      }),
    ]);
    const before = await ListingModel.countDocuments();
    const result = importResultSchema.parse((await upload(operator, 'type=listings', file)).body);
    expect(result.imported).toBe(2);
    expect(result.rejected.map((r) => [r.row, r.field])).toEqual([
      [3, 'organizationCreditCode'],
      [4, 'amountMax'],
      [5, 'kind'],
      [6, 'organizationCreditCode'],
    ]);
    expect(await ListingModel.countDocuments()).toBe(before + 2);
    const posted = await ListingModel.findOne({ title: '导入的助餐服务资源' }).lean();
    expect(posted).toMatchObject({ side: 'offer', status: 'open', capacityUsed: 0 });
    expect(String(posted!.organizationId)).toBe(String(ownOrg._id));
    const need = await ListingModel.findOne({ title: '导入的志愿者需求' }).lean();
    expect(need!.startsAt!.toISOString()).toBe('2030-02-28T16:00:00.000Z');
    // Indexed for search like any posted listing.
    const found = await bureau.get(`/api/search?q=${encodeURIComponent('导入的助餐服务资源')}`);
    expect(found.body.items.map((l: { id: string }) => l.id)).toContain(String(posted!._id));
  });
});

describe('refusals', () => {
  it('a file over the size limit, a file that is no workbook, a missing column, a resident', async () => {
    const big = await upload(bureau, 'type=organizations', Buffer.alloc(MAX_IMPORT_BYTES + 1, 1));
    expect(big.status).toBe(413);
    expect(errorBodySchema.parse(big.body).error.message).toBe('文件不能超过 2 MB');

    const junk = await upload(bureau, 'type=organizations', Buffer.from('name,type\n'), 'x.csv');
    expect(junk.status).toBe(400);
    expect(junk.body.error.message).toMatch(/xlsx/);

    const book = new ExcelJS.Workbook();
    book.addWorksheet('x').addRow(['机构名称 (name)']);
    const missing = await upload(bureau, 'type=organizations', Buffer.from(await book.xlsx.writeBuffer()));
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'type',
      'domains',
      'district',
    ]);

    const { client: resident } = await signedIn(server, { role: 'resident' });
    expect((await upload(resident, 'type=organizations', await sheet('organizations', []))).status).toBe(403);
    expect((await resident.get('/api/imports/template?type=listings')).status).toBe(403);
  });
});
