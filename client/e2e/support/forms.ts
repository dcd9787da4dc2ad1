import type { Page } from 'playwright-core';

/** Picks an option of an Element Plus select by its visible label (the select is found by its test id). */
export async function chooseOption(page: Page, selectTestId: string, label: string): Promise<void> {
  await page.getByTestId(selectTestId).click();
  await page.getByRole('option', { name: label, exact: true }).click();
}

/** Registers through the sign-up page; lands wherever the app sends a new account. */
export async function registerThroughUi(
  page: Page,
  account: { email: string; password: string; name: string; roleLabel: string },
): Promise<void> {
  await page.getByRole('heading', { name: '注册账号' }).waitFor();
  await page.locator('.role-option', { hasText: account.roleLabel }).click();
  await page.getByLabel('姓名').fill(account.name);
  await page.getByLabel('电子邮箱').fill(account.email);
  await page.getByLabel('密码', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: '注册', exact: true }).click();
}

export async function signInThroughUi(
  page: Page,
  account: { email: string; password: string },
): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('电子邮箱').fill(account.email);
  await page.getByLabel('密码', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

/** The root font size in px: what elder mode raises. */
export const rootFontSize = (page: Page) =>
  page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
