import { TZDate } from '@date-fns/tz';
import {
  districts,
  domains,
  kinds,
  orgTypes,
  sides,
  streets,
  subkinds,
  type ImportType,
  type Labelled,
} from '@app/shared';

/*
 * The columns of each import template: the API field each one fills, its heading (Chinese, with the field's code
 * in brackets so that a heading always says which field it is), a note for the instructions sheet, and how a cell's
 * text becomes the field's value. Codes and Chinese labels are both accepted for taxonomy fields.
 */

export interface Column {
  key: string;
  zh: string;
  note: string;
  required?: boolean;
  /** Text of the cell → the value the shared schema checks. */
  read?: (text: string) => unknown;
}

/** A code from its code or its Chinese label; anything else is left for the schema to refuse. */
const codeOf =
  (list: { find(code: string): Labelled | undefined; items: readonly Labelled[] }) => (text: string) =>
    list.find(text)?.code ??
    list.items.find((i) => i.zh === text || i.en.toLowerCase() === text.toLowerCase())?.code ??
    text;
const listOf = (read: (text: string) => unknown) => (text: string) =>
  text
    .split(/[,，、;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map(read);
const districtOf = (text: string) =>
  codeOf(districts)(text) === text
    ? (districts.items.find((d) => d.shortZh === text)?.code ?? text)
    : codeOf(districts)(text);
const numberOf = (text: string) => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text);
const upper = (text: string) => text.toUpperCase();

/** A day or a minute written as text (`2026-03-01`, `2026-03-01 09:30`) → ISO 8601, read as Shanghai time. */
export function shanghaiTime(text: string): string {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(text);
  if (!m) return text;
  const [y, mo, d, h, mi] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number];
  return new Date(new TZDate(y, mo - 1, d, h, mi, 'Asia/Shanghai').getTime()).toISOString();
}

const place: Column[] = [
  {
    key: 'district',
    zh: '所在区',
    note: '区名（如 徐汇区）或 6 位代码（310104）',
    required: true,
    read: districtOf,
  },
  { key: 'street', zh: '街镇', note: '街道/镇名或 9 位代码，须在所填区内', read: codeOf(streets) },
];

export const columns: Record<ImportType, Column[]> = {
  organizations: [
    { key: 'name', zh: '机构名称', note: '2–80 字', required: true },
    {
      key: 'type',
      zh: '机构类型',
      note: orgTypes.items.map((t) => `${t.zh}（${t.code}）`).join('、'),
      required: true,
      read: codeOf(orgTypes),
    },
    { key: 'creditCode', zh: '统一社会信用代码', note: '18 位，含校验位；项目团队可空', read: upper },
    {
      key: 'domains',
      zh: '服务领域',
      note: '一个或多个，用顿号或逗号分隔（如 养老服务、助残服务）',
      required: true,
      read: listOf(codeOf(domains)),
    },
    ...place,
    { key: 'description', zh: '简介', note: '至多 2000 字' },
    { key: 'grade', zh: '评估等级', note: '1–5（5A 填 5），可空', read: numberOf },
    { key: 'phone', zh: '联系电话', note: '可空' },
    { key: 'contactEmail', zh: '联系邮箱', note: '可空' },
  ],
  listings: [
    {
      key: 'organizationCreditCode',
      zh: '发布机构信用代码',
      note: '已在平台登记的机构的统一社会信用代码',
      required: true,
      read: upper,
    },
    { key: 'side', zh: '类型', note: '需求（need）或 资源（offer）', required: true, read: codeOf(sides) },
    {
      key: 'kind',
      zh: '类别',
      note: kinds.items.map((k) => `${k.zh}（${k.code}）`).join('、'),
      required: true,
      read: codeOf(kinds),
    },
    { key: 'subkind', zh: '细类', note: '可空，须属于所填类别', read: codeOf(subkinds) },
    { key: 'title', zh: '标题', note: '2–80 字', required: true },
    { key: 'description', zh: '描述', note: '至多 4000 字', required: true },
    {
      key: 'domains',
      zh: '服务领域',
      note: '一个或多个，用顿号或逗号分隔',
      required: true,
      read: listOf(codeOf(domains)),
    },
    ...place,
    { key: 'amountMin', zh: '金额下限（元）', note: '可空', read: numberOf },
    { key: 'amountMax', zh: '金额上限（元）', note: '可空', read: numberOf },
    { key: 'capacity', zh: '名额/数量', note: '可空，正整数', read: numberOf },
    { key: 'startsAt', zh: '开始时间', note: '日期或日期时间，可空', read: shanghaiTime },
    { key: 'endsAt', zh: '结束时间', note: '日期或日期时间，可空', read: shanghaiTime },
  ],
};

/** The heading of a column in the template: `机构名称 (name)`. */
export const headingOf = (c: Column) => `${c.zh} (${c.key})`;

/** The column a heading names: by the code in brackets, else by the Chinese name alone. */
export function columnOfHeading(type: ImportType, heading: string): Column | undefined {
  const code = /\(([A-Za-z]+)\)\s*$/.exec(heading.trim())?.[1];
  return columns[type].find((c) =>
    code ? c.key === code : c.zh === heading.trim() || c.key === heading.trim(),
  );
}
