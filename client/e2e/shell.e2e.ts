import { existsSync, statSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityProblems } from './support/accessibility.js';
import { launchBrowser, openPage, screenshot } from './support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const rootFontSize = (page: import('playwright-core').Page) =>
  page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));

describe('the app shell', () => {
  it('opens in Chinese, switches to English and back, and remembers the choice', async () => {
    const { context, page, problems } = await openPage(browser);
    await page.goto('/');
    await expect.poll(() => page.title()).toBe('资源链 · 社会组织资源对接平台');
    const topNav = page.getByRole('navigation', { name: '主导航' });
    await topNav.getByRole('link', { name: '找资源' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    // What is new comes from the real API through the same origin; engineering status is not shown to visitors.
    await page.locator('[data-testid="home-news"][data-state="ready"]').waitFor();
    expect(await page.getByTestId('engine-status').count()).toBe(0);

    await page.getByRole('button', { name: '切换语言' }).click();
    const englishNav = page.getByRole('navigation', { name: 'Main navigation' });
    await englishNav.getByRole('link', { name: 'Search' }).waitFor();
    expect(await englishNav.getByRole('link').allTextContents()).toEqual(
      expect.arrayContaining(['Home', 'Search', 'Post', 'Matches', 'Messages', 'Me']),
    );
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect.poll(() => page.title()).toBe('ResourceLink · Resource matching for social organizations');

    await page.reload();
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Search' })
      .waitFor();

    // Matches need an account: a visitor is asked to sign in, in the chosen language.
    await page.getByRole('link', { name: 'Matches' }).first().click();
    await expect.poll(() => page.title()).toBe('Sign in to ResourceLink · ResourceLink');

    await page.getByRole('button', { name: 'Switch language' }).click();
    await expect.poll(() => page.title()).toBe('登录资源链 · 资源链');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('grows the root font size in elder mode and keeps it after a reload', async () => {
    const { context, page, problems } = await openPage(browser);
    await page.goto('/');
    const toggle = page.getByRole('button', { name: '长辈模式' });
    await toggle.waitFor();
    const normal = await rootFontSize(page);
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');

    await toggle.click();
    await expect.poll(() => rootFontSize(page)).toBeGreaterThan(normal);
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');

    await page.reload();
    await page.getByRole('button', { name: '长辈模式' }).waitFor();
    expect(await rootFontSize(page)).toBeGreaterThan(normal);

    await page.getByRole('button', { name: '长辈模式' }).click();
    await expect.poll(() => rootFontSize(page)).toBe(normal);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('uses a bottom tab bar on a 375 px phone and a top navigation at 1280 px', async () => {
    const phone = await openPage(browser, { width: 375, height: 812 });
    await phone.page.goto('/');
    const tabs = phone.page.getByRole('navigation', { name: '底部导航' });
    await tabs.getByRole('link', { name: '找资源' }).waitFor();
    expect(await phone.page.getByRole('navigation', { name: '主导航' }).isVisible()).toBe(false);
    // Nothing overflows sideways on a small phone, even with the longest labels at the largest size.
    const overflow = () =>
      phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await tabs.getByRole('link', { name: '找资源' }).click();
    await expect.poll(() => phone.page.title()).toBe('找资源 · 资源链');
    await phone.page.goBack();
    await phone.page.getByRole('heading', { level: 1 }).waitFor();
    // The phone shot shows the screen as seen: a full-page shot would paint the fixed tab bar mid-page.
    const phoneShot = await screenshot(phone.page, 'shell-375', false);
    await phone.page.getByRole('button', { name: '长辈模式' }).click();
    await phone.page.getByRole('button', { name: '切换语言' }).click();
    const englishTabs = phone.page.getByRole('navigation', { name: 'Bottom navigation' });
    await englishTabs.getByRole('link', { name: 'Messages' }).waitFor();
    await expect.poll(() => rootFontSize(phone.page)).toBe(20);
    expect(await overflow()).toBeLessThanOrEqual(0);
    const clipped = await englishTabs
      .locator('.tab-label')
      .evaluateAll((labels) => labels.filter((l) => l.scrollWidth > l.clientWidth).map((l) => l.textContent));
    expect(clipped).toEqual([]);
    await screenshot(phone.page, 'shell-375-elder-en', false);
    expect(phone.problems).toEqual([]);
    await phone.context.close();

    const desktop = await openPage(browser, { width: 1280, height: 800 });
    await desktop.page.goto('/');
    await desktop.page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '找资源' })
      .waitFor();
    expect(await desktop.page.getByRole('navigation', { name: '底部导航' }).isVisible()).toBe(false);
    await desktop.page.locator('[data-testid="home-news"][data-state="ready"]').waitFor();
    const desktopShot = await screenshot(desktop.page, 'shell-1280');
    expect(desktop.problems).toEqual([]);
    await desktop.context.close();

    for (const file of [phoneShot, desktopShot])
      expect(existsSync(file) && statSync(file).size).toBeGreaterThan(5000);
  });

  it('answers an unknown address with the not-found page', async () => {
    const { context, page } = await openPage(browser, { width: 375, height: 812 });
    await page.goto('/no/such/page');
    await page.getByText('页面不存在').first().waitFor();
    await expect.poll(() => page.title()).toBe('页面不存在 · 资源链');
    await page.getByRole('link', { name: '返回首页' }).click();
    await expect.poll(() => page.title()).toBe('资源链 · 社会组织资源对接平台');
    await context.close();
  });

  it('has no serious accessibility problems on the home page, in normal and elder mode', async () => {
    const { context, page } = await openPage(browser, { width: 375, height: 812 });
    await page.goto('/');
    await page.locator('[data-testid="home-news"][data-state="ready"]').waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: '长辈模式' }).click();
    await expect.poll(() => rootFontSize(page)).toBe(20);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await context.close();
  });
});
