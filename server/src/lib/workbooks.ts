import type ExcelJS from 'exceljs';

/**
 * A new exceljs workbook. exceljs is imported when the first workbook is made or read (an import, an export), not
 * at start: importing it was about half a second of a start's CPU (docs/benchmarks/start.md).
 */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import('exceljs');
  return new excel.Workbook();
}
