/**
 * The four account pages (sign in, register, forgot and reset password) share one frame (AuthPageLayout) and one
 * submit button (AuthSubmitButton): the same narrow column, the links to the other pages centred below the form, a
 * full-width button at least 44 px high. At 375 px each is without sideways overflow and axe-clean.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityProblems, type AxeFinding } from './support/accessibility.js';
import { apiOf, uniqueEmail } from './support/api.js';
import { baseUrl, launchBrowser, openPage, screenshot } from './support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const accountPages = [
  { name: 'signin', path: '/signin', heading: '登录资源链' },
  { name: 'register', path: '/register', heading: '注册账号' },
  { name: 'forgot', path: '/forgot-password', heading: '找回密码' },
  { name: 'reset', path: '/reset-password?token=a-token-from-the-email', heading: '设置新密码' },
];

/** What the frame and the button look like on the page as it is now. */
const frameOf = (page: Page) =>
  page.evaluate(() => {
    const column = document.querySelector('h1')!.parentElement!;
    const links = [...column.querySelectorAll('.auth-links > p')].map((p) => getComputedStyle(p).textAlign);
    const button = column.querySelector('form button[type="submit"]')!.getBoundingClientRect();
    const form = column.querySelector('form')!.getBoundingClientRect();
    return {
      columnWidth: Math.round(column.getBoundingClientRect().width),
      links,
      buttonFillsForm: Math.round(button.width) === Math.round(form.width),
      buttonHeight: Math.round(button.height),
      sideways: document.documentElement.scrollWidth - window.innerWidth,
    };
  });

describe('the account pages', () => {
  it('share one frame and one submit button, at 375 and 1280 px, axe-clean on the phone', async () => {
    const findings: Record<string, AxeFinding[]> = {};
    for (const viewport of [
      { width: 375, height: 740 },
      { width: 1280, height: 800 },
    ]) {
      const { context, page, problems } = await openPage(browser, viewport);
      for (const { name, path, heading } of accountPages) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await page.locator('form button[type="submit"]').waitFor();
        const frame = await frameOf(page);
        const label = `${name} at ${viewport.width} px`;
        // 26rem at the default 16 px root; on the phone, the width the shell leaves.
        if (viewport.width > 600) expect(frame.columnWidth, label).toBe(416);
        else expect(frame.columnWidth, label).toBeLessThan(viewport.width);
        expect(frame.links.length, label).toBeGreaterThan(0);
        expect(new Set(frame.links), label).toEqual(new Set(['center']));
        expect(frame.buttonFillsForm, label).toBe(true);
        expect(frame.buttonHeight, label).toBeGreaterThanOrEqual(44);
        expect(frame.sideways, label).toBeLessThanOrEqual(0);
        if (viewport.width === 375) {
          const axe = await seriousAccessibilityProblems(page);
          if (axe.length) findings[name] = axe;
          await screenshot(page, `account-${name}-375`);
        }
      }
      expect(problems).toEqual([]);
      await context.close();
    }
    expect(findings).toEqual({});
  }, 120_000);

  it('change the password on the account page with the reset page’s fields, axe-clean at 375 px', async () => {
    const { context, page, problems } = await openPage(browser, { width: 375, height: 740 });
    const account = { email: uniqueEmail('settings'), password: 'settings-pass-1' };
    await apiOf(context).post('/api/auth/register', { ...account, name: '周老师', role: 'resident' });
    await page.goto('/me');
    const form = page.getByTestId('password-form');
    await form.getByLabel('当前密码').fill(account.password);
    await form.getByLabel('新密码').fill('settings-pass-2');
    await form.getByRole('button', { name: '修改密码' }).click();
    await form.getByRole('status').filter({ hasText: '密码已修改' }).waitFor();
    expect(await form.getByLabel('新密码').inputValue()).toBe('');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    // The form sent both fields: the new password is the one that signs in now.
    const elsewhere = await browser.newContext({ baseURL: baseUrl() });
    await apiOf(elsewhere).post('/api/auth/login', { email: account.email, password: 'settings-pass-2' });
    await elsewhere.close();

    await page.goto('/reset-password?token=a-token-from-the-email');
    await page.getByLabel('新密码').waitFor();
    expect(await page.getByLabel('当前密码').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
