import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addShanghaiDays,
  shanghaiDate,
  shanghaiInstant,
  shanghaiParts,
  startOfShanghaiWeek,
} from '@app/shared';
import { seriousAccessibilityProblems } from './support/accessibility.js';
import { apiOf } from './support/api.js';
import { launchBrowser, openPage, screenshot, type WatchedPage } from './support/browser.js';
import { startDemoServer, type DemoServer } from './support/demoServer.js';
import { signInThroughUi } from './support/forms.js';

/*
 * Booking a room and a full training on phones, on the demo (its operator sets them up): an organization books
 * a free half hour; a second organization, whose calendar still showed it free, is refused in words; a resident
 * joins the full training's waiting list and moves up when the one confirmed withdraws. No sideways overflow at
 * 375 px, axe-core clean.
 */
const PHONE = { width: 375, height: 812 };
const PASSWORD = 'demo1234';
const email = (local: string) => `${local}@demo.example.org`;

let demo: DemoServer;
let browser: Browser;
let spaceId = '';
let eventId = '';
const tomorrow = shanghaiDate(addShanghaiDays(new Date(), 1));
const slotAt = shanghaiInstant(tomorrow, '10:00').toISOString();

beforeAll(async () => {
  demo = await startDemoServer();
  browser = await launchBrowser();
  const staff = await openPage(browser, PHONE, demo.url);
  const api = apiOf(staff.context);
  await api.post('/api/auth/login', { email: email('operator'), password: PASSWORD });
  const me = await api.get<{ user: { baseId: string } }>('/api/auth/me');
  const space = await api.post<{ space: { id: string } }>(`/api/bases/${me.user.baseId}/spaces`, {
    name: '三楼小会议室',
    type: 'meeting-room',
    capacity: 8,
    openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, from: '08:00', to: '21:00' })),
    rules: { maxAdvanceDays: 14, othersAdvanceDays: 7, minMinutes: 60, maxMinutes: 180 },
  });
  spaceId = space.space.id;
  const event = await api.post<{ event: { id: string } }>(`/api/bases/${me.user.baseId}/events`, {
    kind: 'training',
    title: '志愿者招募与管理培训',
    description: '如何招募、培训和留住社区志愿者。',
    startsAt: shanghaiInstant(shanghaiDate(addShanghaiDays(new Date(), 3)), '14:00').toISOString(),
    endsAt: shanghaiInstant(shanghaiDate(addShanghaiDays(new Date(), 3)), '16:00').toISOString(),
    capacity: 1,
    place: '基地三楼',
  });
  eventId = event.event.id;
  await staff.context.close();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Opens the space's calendar on tomorrow's day (the next week's when today is Sunday). */
async function openTomorrow(page: Page) {
  await page.goto(`/spaces/${spaceId}`);
  await page.getByRole('heading', { name: '三楼小会议室', level: 1 }).waitFor();
  const nextWeek =
    startOfShanghaiWeek(new Date(slotAt)).getTime() !== startOfShanghaiWeek(new Date()).getTime();
  if (nextWeek) await page.getByRole('button', { name: '下一周' }).click();
  const weekday = shanghaiParts(new Date(slotAt)).weekday;
  const label = `${['周一', '周二', '周三', '周四', '周五', '周六', '周日'][weekday - 1]} ${tomorrow.slice(5)}`;
  await page.getByRole('button', { name: label }).click();
  await page.locator(`[data-slot="${slotAt}"]`).waitFor();
}

async function signedIn(who: string): Promise<WatchedPage> {
  const watched = await openPage(browser, PHONE, demo.url);
  // Two phones and a demo server on a shared machine: page loads may be slow.
  watched.page.setDefaultTimeout(30_000);
  watched.page.setDefaultNavigationTimeout(30_000);
  await signInThroughUi(watched.page, { email: email(who), password: PASSWORD });
  return watched;
}

describe.sequential('spaces and trainings on a phone', () => {
  it('books a free half hour; a second organization is refused the same time with a clear message', async () => {
    const first = await signedIn('organization');
    const second = await signedIn('team');
    await openTomorrow(first.page);
    await openTomorrow(second.page);

    await first.page.locator(`[data-slot="${slotAt}"]`).click();
    await first.page.getByRole('button', { name: '确认预约' }).click();
    await first.page.getByTestId('booking-done').waitFor();
    await expect
      .poll(() => first.page.locator(`[data-slot="${slotAt}"]`).textContent())
      .toContain('我的预约');
    expect(await sideways(first.page)).toBeLessThanOrEqual(0);
    expect(await seriousAccessibilityProblems(first.page)).toEqual([]);
    await screenshot(first.page, 'space-booked-375');

    // The second phone still shows the time free: the server refuses it, in words.
    await second.page.locator(`[data-slot="${slotAt}"]`).click();
    await second.page.getByRole('button', { name: '确认预约' }).click();
    const refusal = second.page.getByTestId('booking-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('这个时间已被其他机构或活动占用');
    await screenshot(second.page, 'space-refused-375');
    await second.page.keyboard.press('Escape');
    await expect
      .poll(() => second.page.locator(`[data-slot="${slotAt}"]`).textContent())
      .toContain('已被预约');
    expect(first.problems).toEqual([]);
    expect(second.problems).toEqual([]);
    await first.context.close();
    await second.context.close();
  });

  it('a resident joins the full training’s waiting list and moves up when the confirmed one withdraws', async () => {
    const confirmed = await signedIn('organization');
    const resident = await signedIn('resident');
    await confirmed.page.goto(`/events/${eventId}`);
    await confirmed.page.getByRole('button', { name: '报名', exact: true }).click();
    await confirmed.page.getByTestId('my-registration').waitFor();

    await resident.page.goto(`/events/${eventId}`);
    await resident.page.getByRole('button', { name: '名额已满，加入候补' }).click();
    await expect
      .poll(() => resident.page.getByTestId('my-registration').textContent())
      .toContain('候补名单第 1 位');
    expect(await sideways(resident.page)).toBeLessThanOrEqual(0);
    expect(await seriousAccessibilityProblems(resident.page)).toEqual([]);
    await screenshot(resident.page, 'event-waitlisted-375');

    await confirmed.page.getByRole('button', { name: '取消报名' }).click();
    // The place goes at once to the first on the waiting list, so the training may already be full again.
    await confirmed.page.getByRole('button', { name: /^(报名|名额已满，加入候补)$/ }).waitFor();
    await resident.page.reload();
    await expect
      .poll(() => resident.page.getByTestId('my-registration').textContent())
      .toContain('您已报名成功');
    const notices = await apiOf(resident.context).get<{ items: { type: string }[] }>('/api/notifications');
    expect(notices.items.map((n) => n.type)).toContain('event.promoted');

    // Bookings and sign-ups in one place.
    await resident.page.goto('/me/bookings');
    await resident.page.getByRole('heading', { name: '我的预约与报名', level: 1 }).waitFor();
    await expect.poll(() => resident.page.textContent('body')).toContain('志愿者招募与管理培训');
    expect(await seriousAccessibilityProblems(resident.page)).toEqual([]);
    expect(confirmed.problems).toEqual([]);
    expect(resident.problems).toEqual([]);
    await confirmed.context.close();
    await resident.context.close();
  });
});
