import type ExcelJS from 'exceljs';
import { TZDate } from '@date-fns/tz';
import { MAX_IMPORT_ROWS, type ImportType } from '@app/shared';
import { validationFailed } from '../../lib/errors.js';
import { columnOfHeading, columns, headingOf } from './columns.js';
import { newWorkbook } from '../../lib/workbooks.js';

/** One data row of an import sheet: its own row number (the header is row 1) and the text of each column. */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

/**
 * The text of a cell, whatever exceljs made of it. A date cell holds a wall-clock time without a zone; it is read as
 * Shanghai time and written with its offset, as the API takes times.
 */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const local = new TZDate(
      value.getUTCFullYear(),
      value.getUTCMonth(),
      value.getUTCDate(),
      value.getUTCHours(),
      value.getUTCMinutes(),
      'Asia/Shanghai',
    );
    return new Date(local.getTime()).toISOString();
  }
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in value) return String(value.text).trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
    return '';
  }
  return String(value).trim();
}

/**
 * The data rows of the first sheet of an xlsx file, by column key. Refuses (400) a file that is no workbook, a
 * sheet without the required columns, and more rows than one import takes.
 */
export async function readSheet(type: ImportType, data: Buffer): Promise<SheetRow[]> {
  const book = await newWorkbook();
  try {
    await book.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    throw validationFailed('import.notXlsx', [{ path: 'file', message: 'field.notXlsx' }]);
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw validationFailed('import.noSheet', [{ path: 'file', message: 'field.noSheet' }]);
  const keys = new Map<number, string>();
  sheet.getRow(1).eachCell((cell, col) => {
    const column = columnOfHeading(type, cellText(cell.value));
    if (column) keys.set(col, column.key);
  });
  const missing = columns[type].filter((c) => c.required && ![...keys.values()].includes(c.key));
  if (missing.length) {
    throw validationFailed(
      'import.missingColumns',
      missing.map((c) => ({ path: c.key, message: 'field.columnMissing' as const })),
      {
        columns: {
          'zh-CN': missing.map(headingOf).join('、'),
          en: missing.map(headingOf).join(', '),
        },
      },
    );
  }
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells: Record<string, string> = {};
    for (const [col, key] of keys) {
      const text = cellText(row.getCell(col).value);
      if (text) cells[key] = text;
    }
    if (Object.keys(cells).length) rows.push({ row: number, cells });
  });
  if (rows.length > MAX_IMPORT_ROWS) {
    throw validationFailed(
      'import.tooManyRows',
      [{ path: 'file', message: { key: 'field.tooManyRows', params: { max: MAX_IMPORT_ROWS } } }],
      { max: MAX_IMPORT_ROWS, rows: rows.length },
    );
  }
  return rows;
}

/** The template of an import: the headings on row 1, and an instructions sheet saying what each column takes. */
export async function templateWorkbook(type: ImportType): Promise<Buffer> {
  const book = await newWorkbook();
  book.creator = 'ResourceLink 资源链';
  const sheet = book.addWorksheet(type === 'organizations' ? '机构' : '需求与资源');
  const header = sheet.addRow(columns[type].map(headingOf));
  header.font = { bold: true };
  columns[type].forEach((c, i) => {
    sheet.getColumn(i + 1).width = Math.max(14, headingOf(c).length * 2);
    if (c.required)
      header.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const notes = book.addWorksheet('填写说明');
  notes.addRow(['列', '必填', '说明']).font = { bold: true };
  for (const c of columns[type]) notes.addRow([headingOf(c), c.required ? '是' : '', c.note]);
  notes.addRow([]);
  notes.addRow(['从第 2 行起每行一条；导入前可先“试导入”（dryRun），只检查不写入。']);
  notes.getColumn(1).width = 28;
  notes.getColumn(3).width = 80;
  return Buffer.from(await book.xlsx.writeBuffer());
}
