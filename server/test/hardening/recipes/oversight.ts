/** Valid calls of the oversight area: the service's health, the audit log, statistics and their export, imports. */
import ExcelJS from 'exceljs';
import { columns, headingOf } from '../../../src/modules/imports/columns.js';
import { creditCode, unique, type Recipes } from './recipe.js';

/** An import template of organizations with one row. */
async function organizationSheet(row: Record<string, string>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('机构');
  sheet.addRow(columns.organizations.map(headingOf));
  sheet.addRow(columns.organizations.map((c) => row[c.key] ?? null));
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const oversightRecipes: Recipes = {
  'GET /health': { build: () => ({}) },
  'GET /audit': { build: () => ({ query: { type: 'auth.loggedIn', pageSize: '5' } }) },
  'GET /stats': {
    build: ({ world }) => ({
      query: { from: '2026-01-01', to: '2026-06-30', baseId: String(world.bases.own._id), domain: 'elderly' },
    }),
  },
  'GET /imports/template': { build: () => ({ query: { type: 'listings' } }) },
  'POST /imports': {
    // A dry run of a template with one organization row: checked whole, nothing written.
    build: async () => ({
      query: { type: 'organizations', dryRun: 'true' },
      upload: {
        field: 'file',
        filename: '机构导入.xlsx',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        data: await organizationSheet({
          name: `导入的服务社${unique()}`,
          type: 'social-service',
          creditCode: creditCode('52'),
          domains: '养老服务',
          district: '徐汇区',
        }),
      },
    }),
  },
  'GET /stats/export': {
    build: ({ world }) => ({ query: { format: 'csv', year: '2026', baseId: String(world.bases.own._id) } }),
  },
};
