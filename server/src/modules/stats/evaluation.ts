import { districtByCode, domains, isPriorityDomain, type Stats } from '@app/shared';
import { newWorkbook } from '../../lib/workbooks.js';

/*
 * The annual evaluation (年度综合评估, policy §六(三)) as a workbook: one sheet per section, each headed with the
 * policy paragraph it answers, with a totals row (合计) under every table. And the district table as CSV.
 */

type Row = (string | number | null)[];
interface Section {
  sheet: string;
  heading: string;
  columns: { header: string; width: number }[];
  rows: Row[];
  /** Columns (0-based) summed in the totals row; none: no totals row. */
  totals?: number[];
}

const districtName = (code: string) => districtByCode(code)?.zh ?? code;
const hours = (h: number | null) => (h === null ? null : h);

function sections(stats: Stats, year: number, scopeName: string): Section[] {
  const f = stats;
  const p = stats.previous;
  const change = (now: number, before: number): number | null =>
    before ? Math.round(((now - before) / before) * 1000) / 10 : null;
  const line = (label: string, now: number, before: number): Row => [label, now, before, change(now, before)];
  return [
    {
      sheet: '总体情况',
      heading: `${year} 年度社会组织培育基地建设情况（沪民社服发〔2023〕3号 §六(三) 年度综合评估）`,
      columns: [
        { header: '指标', width: 28 },
        { header: `${year} 年`, width: 14 },
        { header: `${year - 1} 年`, width: 14 },
        { header: '变化 %', width: 10 },
      ],
      rows: [
        line('发布需求数', f.needs.posted, p.needs.posted),
        line('满足需求数', f.needs.met, p.needs.met),
        line('发布资源数', f.offers.posted, p.offers.posted),
        line('被使用资源数', f.offers.used, p.offers.used),
        line('撮合提议数', f.matches.proposed, p.matches.proposed),
        line('接受数', f.matches.accepted, p.matches.accepted),
        line('完成数', f.matches.completed, p.matches.completed),
        line('撬动资金（元）', f.fundsLeveraged, p.fundsLeveraged),
        line('重点领域占比', f.priorityDomainShare, p.priorityDomainShare),
        line('空间预约数', f.bookings.count, p.bookings.count),
        line('培训与展示活动数', f.events.count, p.events.count),
        line('在孵机构数', f.residents.incubating, p.residents.incubating),
      ],
    },
    {
      sheet: '资源链接',
      heading: '资源链接情况（§四(三)）：各区需求、满足、撮合与撬动资金',
      columns: [
        { header: '区', width: 12 },
        { header: '行政区划代码', width: 14 },
        { header: '发布需求', width: 12 },
        { header: '满足需求', width: 12 },
        { header: '撮合', width: 10 },
        { header: '撬动资金（元）', width: 16 },
      ],
      rows: Object.entries(stats.byDistrict).map(([code, d]) => [
        districtName(code),
        code,
        d.needs,
        d.met,
        d.matches,
        d.fundsLeveraged,
      ]),
      totals: [2, 3, 4, 5],
    },
    {
      sheet: '培育基地',
      heading: '各培育基地建设情况（§六(三)）',
      columns: [
        { header: '基地', width: 32 },
        { header: '所在区', width: 12 },
        { header: '发布需求', width: 12 },
        { header: '满足需求', width: 12 },
        { header: '撮合', width: 10 },
        { header: '在孵机构', width: 12 },
      ],
      rows: stats.byBase.map((b) => [
        b.name,
        districtName(b.district),
        b.needs,
        b.met,
        b.matches,
        b.incubating,
      ]),
      totals: [2, 3, 4, 5],
    },
    {
      sheet: '入驻与出壳',
      heading: '入驻评审与出壳退出（§五(三)）',
      columns: [
        { header: '基地', width: 32 },
        { header: '在孵', width: 10 },
        { header: '新入驻', width: 10 },
        { header: '出壳', width: 10 },
        { header: '退出', width: 10 },
      ],
      rows: stats.byBase.map((b) => [b.name, b.incubating, b.admitted, b.graduated, b.exited]),
      totals: [1, 2, 3, 4],
    },
    {
      sheet: '综合服务',
      heading: '共享空间使用（§四(一) 综合服务）',
      columns: [
        { header: '范围', width: 24 },
        { header: '预约次数', width: 12 },
        { header: '预约小时', width: 12 },
        { header: '爽约次数', width: 12 },
      ],
      rows: [[scopeName, f.bookings.count, f.bookings.hours, f.bookings.noShows]],
    },
    {
      sheet: '能力建设与展示',
      heading: '能力建设培训与展示交流（§四(二)、§四(五)）',
      columns: [
        { header: '范围', width: 24 },
        { header: '活动场次', width: 12 },
        { header: '报名人次', width: 12 },
        { header: '出席人次', width: 12 },
      ],
      rows: [[scopeName, f.events.count, f.events.registrations, f.events.attended]],
    },
    {
      sheet: '重点领域',
      heading: `重点领域（§三(四)）：重点领域发布占比 ${(f.priorityDomainShare * 100).toFixed(1)}%`,
      columns: [
        { header: '服务领域', width: 20 },
        { header: '重点领域', width: 10 },
        { header: '发布需求', width: 12 },
        { header: '发布资源', width: 12 },
        { header: '满足需求', width: 12 },
      ],
      rows: stats.byDomain.map((d) => [
        domains.find(d.domain)?.zh ?? d.domain,
        isPriorityDomain(d.domain) ? '★' : '',
        d.needs,
        d.offers,
        d.met,
      ]),
      totals: [2, 3, 4],
    },
    {
      sheet: '月度趋势',
      heading: '月度趋势',
      columns: [
        { header: '月份', width: 10 },
        { header: '发布需求', width: 12 },
        { header: '满足需求', width: 12 },
        { header: '撮合', width: 10 },
      ],
      rows: stats.byMonth.map((m) => [m.month, m.needs, m.met, m.matches]),
      totals: [1, 2, 3],
    },
    {
      sheet: '撮合效率',
      heading: '撮合效率',
      columns: [
        { header: '指标', width: 28 },
        { header: '数值', width: 14 },
      ],
      rows: [
        ['接受率', f.acceptRate],
        ['首次回应时间中位数（小时）', hours(f.medianHoursToFirstResponse)],
        ['接受用时中位数（小时）', hours(f.medianHoursToAccept)],
        ['拒绝', f.matches.declined],
        ['过期', f.matches.expired],
        ['逾期未回应', f.matches.overdue],
        ['待认证机构', f.verificationsPending],
      ],
    },
  ];
}

/** The sheets' names, in order (tests and the client read them). */
export const evaluationSheetNames = [
  '总体情况',
  '资源链接',
  '培育基地',
  '入驻与出壳',
  '综合服务',
  '能力建设与展示',
  '重点领域',
  '月度趋势',
  '撮合效率',
] as const;

/** The workbook of a year's statistics. */
export async function evaluationWorkbook(stats: Stats, year: number, scopeName: string): Promise<Buffer> {
  const book = await newWorkbook();
  book.creator = 'ResourceLink 资源链';
  book.created = new Date();
  for (const s of sections(stats, year, scopeName)) {
    const sheet = book.addWorksheet(s.sheet);
    sheet.addRow([s.heading]).font = { bold: true, size: 13 };
    sheet.addRow([`范围：${scopeName}`]);
    const header = sheet.addRow(s.columns.map((c) => c.header));
    header.font = { bold: true };
    s.columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));
    for (const row of s.rows) sheet.addRow(row);
    if (s.totals) {
      const totals: Row = s.columns.map(() => null);
      totals[0] = '合计';
      for (const i of s.totals) totals[i] = s.rows.reduce((sum, r) => sum + (Number(r[i]) || 0), 0);
      sheet.addRow(totals).font = { bold: true };
    }
    sheet.views = [{ state: 'frozen', ySplit: 3 }];
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The district table as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese names). */
export function districtCsv(stats: Stats): string {
  const rows: (string | number)[][] = [['district', '区', 'needs', 'met', 'matches', 'fundsLeveraged']];
  const total = { needs: 0, met: 0, matches: 0, fundsLeveraged: 0 };
  for (const [code, d] of Object.entries(stats.byDistrict)) {
    rows.push([code, districtName(code), d.needs, d.met, d.matches, d.fundsLeveraged]);
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += d[k];
  }
  rows.push(['total', '合计', total.needs, total.met, total.matches, total.fundsLeveraged]);
  return `\ufeff${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
