import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityProblems } from './support/accessibility.js';
import { launchBrowser, openPage, screenshot } from './support/browser.js';
import { startDemoServer, type DemoServer } from './support/demoServer.js';
import { chooseOption, signInThroughUi } from './support/forms.js';
import { uniqueCreditCode } from './support/api.js';

/*
 * Oversight on the demo (a year of history in every district): the bureau opens the dashboard, changes the
 * period, clicks a district on the map to drill down, and downloads the annual workbook; the Xuhui operator
 * imports a sheet of organizations with one bad row, sees the dry run's report, then the import's.
 */
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 800 };
const PASSWORD = 'demo1234';
/** Statistics over the demo's year take a moment on a busy machine. */
const SLOW = { timeout: 60_000 };

let demo: DemoServer;
let browser: Browser;

beforeAll(async () => {
  demo = await startDemoServer();
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Clicks points of the map until one lands on a district (the scope then names it). */
async function clickDistrictOnMap(page: Page): Promise<string> {
  const map = page.getByTestId('oversight-map');
  const box = (await map.boundingBox())!;
  const scope = page.getByTestId('oversight-scope');
  for (const [x, y] of [
    [0.5, 0.5],
    [0.45, 0.55],
    [0.55, 0.45],
    [0.4, 0.6],
    [0.6, 0.4],
    [0.35, 0.35],
  ] as const) {
    await page.mouse.click(box.x + box.width * x, box.y + box.height * y);
    // The map may still be drawing after the period changed: give each click a moment to take.
    for (let wait = 0; wait < 5; wait++) {
      await page.waitForTimeout(300);
      const text = (await scope.textContent()) ?? '';
      if (text.includes('›')) return text;
    }
  }
  throw new Error('no click on the map drilled down to a district');
}

describe.sequential('oversight', () => {
  it('the bureau changes the period, drills into a district from the map and downloads the workbook', async () => {
    const bureau = await openPage(browser, DESKTOP, demo.url);
    const { page } = bureau;
    await signInThroughUi(page, { email: 'bureau@demo.example.org', password: PASSWORD });
    await page.goto('/bureau');
    await page.getByRole('heading', { name: '全市总览', level: 2 }).waitFor();
    await page.getByTestId('oversight-headline').waitFor(SLOW);
    await page.locator('[data-testid="oversight-map"] canvas').waitFor(SLOW);
    const before = await page.getByTestId('oversight-period-shown').textContent();

    const lastYear = new Date().getFullYear() - 1;
    await chooseOption(page, 'oversight-period', `${lastYear} 年`);
    await expect.poll(() => page.getByTestId('oversight-period-shown').textContent(), SLOW).not.toBe(before);
    await chooseOption(page, 'oversight-period', '近 12 个月');
    await page.locator('[data-testid="oversight-map"] canvas').waitFor(SLOW);

    const scope = await clickDistrictOnMap(page);
    expect(scope).toMatch(/全市\s*›\s*\S+区/);
    await page.getByTestId('oversight-by-base').waitFor(SLOW);
    await screenshot(page, 'oversight-district-1280');

    await page.setViewportSize(PHONE);
    // The charts follow the new width on their next resize; nothing may stay wider than the phone.
    await expect.poll(() => sideways(page), { timeout: 5000 }).toBe(0);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'oversight-district-375');

    await page.goto('/bureau/export');
    await page.getByTestId('oversight-export').waitFor(SLOW);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('oversight-download-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await download.path())!) as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((w) => w.name)).toContain('资源链接');
    expect(await sideways(page)).toBe(0);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    expect(bureau.problems).toEqual([]);
    await bureau.context.close();
  }, 240_000);

  it('an operator imports organizations: the dry run names the one bad row, the import writes the good one', async () => {
    const operator = await openPage(browser, PHONE, demo.url);
    const { page } = operator;
    await signInThroughUi(page, { email: 'operator@demo.example.org', password: PASSWORD });
    await page.goto('/operator/data');
    await page.getByTestId('oversight-headline').waitFor(SLOW);

    const good = uniqueCreditCode('2');
    const bad = `${good.slice(0, 17)}${good[17] === 'A' ? 'B' : 'A'}`;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('机构');
    sheet.addRow([
      '机构名称 (name)',
      '机构类型 (type)',
      '统一社会信用代码 (creditCode)',
      '服务领域 (domains)',
      '所在区 (district)',
    ]);
    sheet.addRow(['康健社区长者服务社', '社会服务机构', good, '养老服务', '徐汇区']);
    sheet.addRow(['校验位错误的服务社', '社会服务机构', bad, '养老服务', '徐汇区']);
    const file = {
      name: '机构导入.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await book.xlsx.writeBuffer()),
    };

    await page.getByTestId('oversight-import-file').setInputFiles(file);
    await page.getByTestId('oversight-dry-run').click();
    const report = page.getByTestId('oversight-import-report');
    await report.waitFor(SLOW);
    expect(await report.textContent()).toContain('可导入 1 行');
    const rejected = page.getByTestId('oversight-import-rejected').locator('tbody tr');
    expect(await rejected.count()).toBe(1);
    expect(await rejected.first().locator('th').textContent()).toBe('3');
    expect(await rejected.first().textContent()).toContain('creditCode');

    await page.getByTestId('oversight-import-run').click();
    await expect.poll(() => report.textContent(), SLOW).toContain('已导入 1 行');
    expect(await sideways(page)).toBe(0);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'oversight-import-375');
    expect(operator.problems).toEqual([]);
    await operator.context.close();
  }, 240_000);
});
