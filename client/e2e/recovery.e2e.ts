import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The browser's own line for a refused file: expected where a test makes one fail on purpose. */
const refusedFile = (problem: string) => /^console: Failed to load resource: .* 404/.test(problem);

describe('a first hour that never gets stuck', () => {
  it('a chunk of an older build that fails to load: the click loads the address afresh, once, and the page opens', async () => {
    const { context, page, problems } = await openPage(browser);
    await page.goto('/signin');
    const link = page.getByRole('link', { name: '忘记密码？' });
    await link.waitFor();

    // As after a deploy: the page's build names a chunk the server no longer has, the first time it is asked.
    let asked = 0;
    await page.route(/\/assets\/ForgotPasswordPage-[\w-]+\.js$/, async (route) => {
      asked += 1;
      if (asked === 1) await route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' });
      else await route.continue();
    });
    await link.click();

    await page.getByRole('heading', { name: '找回密码' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/forgot-password');
    expect(asked).toBe(2);
    expect(problems.filter((p) => !refusedFile(p))).toEqual([]);
    await context.close();
  });

  it('a missing asset is a 404; assets come compressed and immutable, the app page never cached', async () => {
    const { context, page } = await openPage(browser);
    const missing = await page.request.get('/assets/index-doesnotexist.js');
    expect(missing.status()).toBe(404);
    expect(missing.headers()['content-type']).toMatch(/^text\/plain/);

    const home = await page.request.get('/');
    expect(home.headers()['cache-control']).toBe('no-cache');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await home.text())?.[1];
    expect(script).toBeDefined();
    const asset = await page.request.get(script!, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(asset.status()).toBe(200);
    expect(asset.headers()['content-encoding']).toBe('gzip');
    expect(asset.headers()['cache-control']).toMatch(/immutable/);
    await context.close();
  });

  it('a visitor is not an error: the home page asks who is signed in and is told nobody, with no console error', async () => {
    const { context, page, problems } = await openPage(browser);
    const answers: number[] = [];
    page.on('response', (res) => {
      if (new URL(res.url()).pathname === '/api/auth/me') answers.push(res.status());
    });
    await page.goto('/');
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    await expect.poll(() => answers.length).toBeGreaterThan(0);
    expect(answers.every((status) => status === 200)).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a wrong password is said in the reader’s language, not headed “please sign in first”', async () => {
    const { context, page } = await openPage(browser, { width: 375, height: 740 });
    await page.goto('/signin');
    await page.getByLabel('电子邮箱').fill('nobody.here@example.cn');
    await page.getByLabel('密码', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: '邮箱或密码错误' });
    await alert.waitFor();
    expect(await alert.textContent()).not.toContain('请先登录');
    await context.close();
  });
});
