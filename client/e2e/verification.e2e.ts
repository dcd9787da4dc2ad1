import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityProblems, type AxeFinding } from './support/accessibility.js';
import { launchBrowser, openPage, screenshot, type WatchedPage } from './support/browser.js';
import { startDemoServer, type DemoServer } from './support/demoServer.js';
import { signInThroughUi } from './support/forms.js';

/*
 * Verification by the base's operator, on the demo (operators and the bureau cannot register, so this file
 * starts its own server with the demo loaded): the Xuhui operator finds the demo's Xuhui project team waiting,
 * is refused a rejection without a reason, approves it, and the team sees itself verified; the bureau sees the
 * decision in the audit log. Both pages at phone width: no sideways overflow, axe-core clean.
 */
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 800 };
const PASSWORD = 'demo1234';
const TEAM = '天平路街道银杏志愿服务队';

let demo: DemoServer;
let browser: Browser;
let operator: WatchedPage;

beforeAll(async () => {
  demo = await startDemoServer();
  browser = await launchBrowser();
  operator = await openPage(browser, PHONE, demo.url);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Overflow at both widths and axe-core at phone width, for the page as it is now. */
async function sweep(page: Page, name: string): Promise<{ overflow: string[]; axe: AxeFinding[] }> {
  const overflow: string[] = [];
  let axe: AxeFinding[] = [];
  for (const [label, viewport] of [
    ['375', PHONE],
    ['1280', DESKTOP],
  ] as const) {
    await page.setViewportSize(viewport);
    const px = await sideways(page);
    if (px > 0) overflow.push(`${name}@${label}: ${px}px`);
    if (label === '375') axe = await seriousAccessibilityProblems(page);
    await screenshot(page, `${name}-${label}`, label === '1280');
  }
  await page.setViewportSize(PHONE);
  return { overflow, axe };
}

describe.sequential('verification by the base operator', () => {
  it("the operator's queue shows the team waiting; a rejection needs a reason; approving verifies it", async () => {
    const { page } = operator;
    await signInThroughUi(page, { email: 'operator@demo.example.org', password: PASSWORD });
    await page.goto('/operator/verification');
    await page.getByRole('heading', { name: '认证审核' }).waitFor();
    await expect
      .poll(() => page.getByRole('button', { name: '待核实' }).getAttribute('aria-pressed'))
      .toBe('true');
    const card = page.getByTestId('verification-card').filter({ hasText: TEAM });
    await card.waitFor();
    await expect.poll(() => card.textContent()).toContain('统一社会信用代码：无（未登记）');
    await card.getByTestId('documents-count').waitFor();
    expect(await card.getByTestId('documents-count').textContent()).toBe('材料 0 份');

    const listSweep = await sweep(page, 'operator-queue');

    await card.getByRole('button', { name: '查看并审核' }).click();
    await card.getByTestId('verification-review').waitFor();
    expect(await card.getByTestId('verification-review').textContent()).toContain('尚未上传材料');

    // Rejecting without a reason is refused before anything is sent.
    const decisions: string[] = [];
    page.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith('/verification'))
        decisions.push(req.postData() ?? '');
    });
    await card.getByRole('button', { name: '不通过' }).click();
    await card.getByRole('button', { name: '确认不通过' }).click();
    await expect.poll(() => card.getByRole('alert').textContent()).toBe('不通过时请写明原因');
    expect(decisions).toEqual([]);
    const formSweep = await sweep(page, 'operator-review');

    await card.getByRole('button', { name: '取消' }).click();
    await card.getByRole('button', { name: '通过核实' }).click();
    await expect.poll(() => page.getByTestId('decision-done').textContent()).toBe(`已通过核实：${TEAM}`);
    expect(decisions.map((d) => JSON.parse(d))).toEqual([{ decision: 'verified' }]);
    // Out of the pending list without a reload.
    await card.waitFor({ state: 'detached' });

    expect([...listSweep.overflow, ...formSweep.overflow]).toEqual([]);
    expect({ queue: listSweep.axe, review: formSweep.axe }).toEqual({ queue: [], review: [] });
    expect(operator.problems).toEqual([]);
  });

  it('the team sees itself verified on its page', async () => {
    const team = await openPage(browser, PHONE, demo.url);
    await signInThroughUi(team.page, { email: 'team@demo.example.org', password: PASSWORD });
    await team.page.goto('/me');
    const badge = team.page.getByTestId('organization-profile').getByTestId('verification-status');
    await expect.poll(() => badge.textContent()).toContain('已核实');
    expect(team.problems).toEqual([]);
    await team.context.close();
  });

  it('the bureau sees the queue city-wide and the decision in the audit log', async () => {
    const bureau = await openPage(browser, PHONE, demo.url);
    const { page } = bureau;
    await signInThroughUi(page, { email: 'bureau@demo.example.org', password: PASSWORD });
    await page.goto('/bureau/verification');
    await page.getByRole('heading', { name: '全市认证审核', level: 2 }).waitFor();
    await page.getByRole('button', { name: '已核实' }).click();
    await page.getByTestId('verification-card').first().waitFor();
    await page.goto('/bureau/audit');
    const decision = page.getByTestId('audit-event').filter({ hasText: '认证决定' }).first();
    await decision.waitFor();
    expect(await decision.textContent()).toContain('结果：已核实');

    const { overflow, axe } = await sweep(page, 'bureau');
    expect(overflow).toEqual([]);
    expect(axe).toEqual([]);
    // The operator's page is for operators only.
    await page.goto('/operator');
    await page.waitForURL((url) => url.pathname === '/');
    expect(bureau.problems).toEqual([]);
    await bureau.context.close();
  });
});
