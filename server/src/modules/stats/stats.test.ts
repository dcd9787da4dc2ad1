import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '@app/shared';
import { startTestServer, type TestClient, type TestServer } from '../../../test/harness.js';
import { signedIn } from '../../../test/factories.js';
import type { BaseRecord } from '../bases/model.js';
import { evaluationSheetNames } from './evaluation.js';
import { buildStatsFixture, expectFigures, statsOf } from './testing.js';

/*
 * Every figure of GET /api/stats against counts made by hand on the fixed history of testing.ts (2025, Shanghai).
 * Runs on the embedded engine, and on MongoDB as well when MONGODB_URI is set (the harness connects there).
 */

let server: TestServer;
let bureau: TestClient;
let operatorX: TestClient;
let xuhui: BaseRecord;
let pudong: BaseRecord;
const YEAR = 'from=2025-01-01&to=2025-12-31';

beforeAll(async () => {
  server = await startTestServer();
  ({ xuhui, pudong } = await buildStatsFixture());
  bureau = (await signedIn(server, { role: 'bureau' })).client;
  operatorX = (await signedIn(server, { role: 'operator', baseId: xuhui._id })).client;
});
afterAll(async () => {
  await server?.stop();
});

describe('the city in 2025', () => {
  it('counts listings and proposals made in the period, and matches that reached each status in it', async () => {
    const s = await statsOf(bureau, YEAR);
    expect(s.scope).toEqual({ level: 'city' });
    expect(s.from).toBe('2024-12-31T16:00:00.000Z');
    expect(s.to).toBe('2025-12-31T16:00:00.000Z');
    expectFigures(s, {
      needs: { posted: 4, met: 2 },
      offers: { posted: 3, used: 3 },
      matches: { proposed: 5, accepted: 3, completed: 2, declined: 1, expired: 1, overdue: 2 },
      acceptRate: 0.6,
      medianHoursToFirstResponse: 27,
      medianHoursToAccept: 24,
      fundsLeveraged: 50_000,
      priorityDomainShare: 0.5714,
      residents: { incubating: 2, admitted: 2, graduated: 1, exited: 1 },
      verificationsPending: 1,
      bookings: { count: 3, hours: 7.5, noShows: 1 },
      events: { count: 2, registrations: 4, attended: 2 },
    });
  });

  it('breaks the figures down by district, month, base and domain', async () => {
    const s = await statsOf(bureau, YEAR);
    expect(Object.keys(s.byDistrict)).toHaveLength(16);
    expect(s.byDistrict['310104']).toEqual({ needs: 2, met: 1, matches: 3, fundsLeveraged: 30_000 });
    expect(s.byDistrict['310115']).toEqual({ needs: 2, met: 1, matches: 2, fundsLeveraged: 20_000 });
    expect(s.byDistrict['310101']).toEqual({ needs: 0, met: 0, matches: 0, fundsLeveraged: 0 });

    expect(s.byMonth.map((m) => m.month)).toEqual([
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
    ]);
    const month = (m: string) => s.byMonth.find((r) => r.month === m);
    expect(month('2025-03')).toEqual({ month: '2025-03', needs: 2, met: 0, matches: 2 });
    expect(month('2025-04')).toEqual({ month: '2025-04', needs: 0, met: 1, matches: 0 });
    expect(month('2025-05')).toEqual({ month: '2025-05', needs: 1, met: 0, matches: 1 });
    expect(month('2025-06')).toEqual({ month: '2025-06', needs: 1, met: 1, matches: 1 });
    expect(month('2025-12')).toEqual({ month: '2025-12', needs: 0, met: 0, matches: 1 });

    const base = (id: unknown) => s.byBase.find((b) => b.baseId === String(id));
    expect(base(xuhui._id)).toMatchObject({
      district: '310104',
      needs: 2,
      met: 1,
      matches: 3,
      incubating: 1,
      admitted: 1,
      graduated: 1,
      exited: 1,
    });
    expect(base(pudong._id)).toMatchObject({
      district: '310115',
      needs: 1,
      met: 1,
      matches: 1,
      incubating: 1,
    });

    const domain = (d: string) => s.byDomain.find((r) => r.domain === d);
    expect(domain('elderly')).toEqual({ domain: 'elderly', needs: 1, offers: 2, met: 1 });
    expect(domain('education')).toEqual({ domain: 'education', needs: 2, offers: 1, met: 1 });
    expect(domain('disability')).toEqual({ domain: 'disability', needs: 1, offers: 0, met: 1 });
    expect(domain('culture-sports')).toEqual({ domain: 'culture-sports', needs: 1, offers: 0, met: 0 });
  });

  it('gives the period before for the change beside each figure', async () => {
    const { previous } = await statsOf(bureau, YEAR);
    expectFigures(previous, {
      needs: { posted: 1, met: 1 },
      offers: { posted: 1, used: 1 },
      matches: { proposed: 2, accepted: 1, completed: 1, declined: 0, expired: 0, overdue: 0 },
      fundsLeveraged: 10_000,
      priorityDomainShare: 1,
      residents: { incubating: 2, admitted: 2, graduated: 0, exited: 0 },
      bookings: { count: 1, hours: 1, noShows: 0 },
    });
  });
});

describe('a scope', () => {
  it("a base: its organizations' listings, their matches on either side, its residents", async () => {
    const s = await statsOf(bureau, `${YEAR}&baseId=${xuhui._id}`);
    expect(s.scope).toMatchObject({ level: 'base', baseId: String(xuhui._id), district: '310104' });
    expectFigures(s, {
      needs: { posted: 2, met: 1 },
      offers: { posted: 0, used: 2 },
      matches: { proposed: 3, accepted: 2, completed: 1, declined: 1, expired: 0, overdue: 1 },
      acceptRate: 0.6667,
      medianHoursToFirstResponse: 30,
      medianHoursToAccept: 42,
      fundsLeveraged: 30_000,
      priorityDomainShare: 0.5,
      residents: { incubating: 1, admitted: 1, graduated: 1, exited: 1 },
      verificationsPending: 1,
      bookings: { count: 2, hours: 3.5, noShows: 1 },
      events: { count: 1, registrations: 3, attended: 2 },
    });
    expect(s.byBase).toHaveLength(1);
  });

  it('a district: its listings, the matches of its needs, the residents of its bases', async () => {
    const s = await statsOf(bureau, `${YEAR}&district=310115`);
    expect(s.scope).toEqual({ level: 'district', district: '310115' });
    expectFigures(s, {
      needs: { posted: 2, met: 1 },
      offers: { posted: 1, used: 1 },
      matches: { proposed: 2, accepted: 1, completed: 1, declined: 0, expired: 1, overdue: 1 },
      acceptRate: 0.5,
      medianHoursToFirstResponse: 12,
      fundsLeveraged: 20_000,
      priorityDomainShare: 0.3333,
      residents: { incubating: 1, admitted: 1, graduated: 0, exited: 0 },
      verificationsPending: 0,
      bookings: { count: 1, hours: 4, noShows: 0 },
      events: { count: 1, registrations: 1, attended: 0 },
    });
    expect(s.byBase.map((b) => b.name)).toEqual(['浦东新区社会组织培育基地']);
  });

  it('a domain: listings of it, matches of needs of it, residents of organizations working in it', async () => {
    const s = await statsOf(bureau, `${YEAR}&domain=education`);
    expectFigures(s, {
      needs: { posted: 2, met: 1 },
      offers: { posted: 1, used: 1 },
      matches: { proposed: 2, accepted: 1, completed: 1, declined: 1, expired: 0, overdue: 0 },
      medianHoursToFirstResponse: 21,
      fundsLeveraged: 20_000,
      priorityDomainShare: 0.3333,
      residents: { incubating: 1, admitted: 2, graduated: 0, exited: 1 },
      verificationsPending: 0,
    });
  });
});

describe('who reads what', () => {
  const refused = async (client: TestClient, query: string, status: number) => {
    const res = await client.get(`/api/stats?${query}`);
    expect(res.status).toBe(status);
    errorBodySchema.parse(res.body);
  };

  it("an operator reads its own base's figures, never another base's or the city's", async () => {
    expect((await statsOf(operatorX, `${YEAR}&baseId=${xuhui._id}`)).needs.posted).toBe(2);
    await refused(operatorX, `${YEAR}&baseId=${pudong._id}`, 403);
    await refused(operatorX, YEAR, 403);
    await refused(operatorX, `${YEAR}&district=310104`, 403);
    expect((await operatorX.get(`/api/stats/export?year=2025&baseId=${pudong._id}`)).status).toBe(403);
    expect((await operatorX.get('/api/stats/export?year=2025')).status).toBe(403);
  });

  it('other roles and anonymous callers are refused; a bad query is a 400', async () => {
    const { client: resident } = await signedIn(server, { role: 'resident' });
    await refused(resident, YEAR, 403);
    await refused(server.client(), YEAR, 401);
    await refused(bureau, 'from=2025-13-01', 400);
    await refused(bureau, 'from=2025-06-01&to=2025-01-01', 400);
    await refused(bureau, 'baseId=%24ne', 400);
    await refused(bureau, `baseId=${'0'.repeat(24)}`, 404);
  });

  it('without a period: the twelve months up to this one', async () => {
    const s = await statsOf(bureau, '');
    expect(s.byMonth).toHaveLength(12);
    expect(new Date(s.to).getTime()).toBeGreaterThan(Date.now());
  });
});

describe('the annual evaluation', () => {
  it('is a workbook with a sheet per section and a totals row under each table', async () => {
    const res = await bureau.download('/api/stats/export?format=xlsx&year=2025');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toMatch(/^attachment; .*\.xlsx/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((w) => w.name)).toEqual([...evaluationSheetNames]);

    const lastRow = (name: string) => {
      const sheet = book.getWorksheet(name)!;
      return (sheet.getRow(sheet.rowCount).values as unknown[]).slice(1);
    };
    // 资源链接: the 16 districts, then 合计 of needs, met, matches and funds.
    expect(book.getWorksheet('资源链接')!.rowCount).toBe(3 + 16 + 1);
    expect(lastRow('资源链接')).toEqual(['合计', undefined, 4, 2, 5, 50_000]);
    expect(lastRow('月度趋势')).toEqual(['合计', 4, 2, 5]);
    expect(lastRow('入驻与出壳')).toEqual(['合计', 2, 2, 1, 1]);
    expect(lastRow('综合服务')).toEqual(['上海市', 3, 7.5, 1]);
    expect(lastRow('能力建设与展示')).toEqual(['上海市', 2, 4, 2]);
    expect(lastRow('培育基地')).toEqual(['合计', undefined, 3, 2, 4, 2]);
    const summary = book.getWorksheet('总体情况')!;
    expect(String(summary.getCell('A1').value)).toContain('§六(三)');
    expect((summary.getRow(4).values as unknown[]).slice(1)).toEqual(['发布需求数', 4, 1, 300]);
  });

  it("is the district table as CSV, with its totals, for a base's operator too", async () => {
    const res = await bureau.get('/api/stats/export?format=csv&year=2025');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('district,区,needs,met,matches,fundsLeveraged');
    expect(lines).toContain('310104,徐汇区,2,1,3,30000');
    expect(lines.at(-1)).toBe('total,合计,4,2,5,50000');
    const own = await operatorX.get(`/api/stats/export?format=csv&year=2025&baseId=${xuhui._id}`);
    expect(own.status).toBe(200);
    expect(own.text.trim().split('\r\n').at(-1)).toBe('total,合计,2,1,3,30000');
  });
});
