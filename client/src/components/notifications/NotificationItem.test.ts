import { mount, RouterLinkStub } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Notification } from '@app/shared';
import { i18n, setLocale } from '@/i18n/index.js';
import NotificationItem from './NotificationItem.vue';

/** A proposal as the server words it: zh-CN title and body, and the names in `data` for other languages. */
const proposal: Notification = {
  id: 'b00000000000000000000001',
  type: 'match.proposed',
  title: '上海市徐汇区颐禾社会工作服务中心 就您的“沐澜基金会社区养老项目资助”发起了匹配提议',
  body: '对方的需求：「颐禾食堂」长者助餐项目寻求资助',
  link: '/matches/c00000000000000000000001',
  data: {
    matchId: 'c00000000000000000000001',
    listingTitle: '沐澜基金会社区养老项目资助',
    otherListingTitle: '「颐禾食堂」长者助餐项目寻求资助',
    counterpart: '上海市徐汇区颐禾社会工作服务中心',
  },
  createdAt: '2027-05-10T01:00:00.000Z',
};

const render = (notification: Notification) =>
  mount(NotificationItem, {
    props: { notification },
    global: { plugins: [i18n], stubs: { RouterLink: RouterLinkStub } },
  });

describe('NotificationItem', () => {
  afterEach(() => setLocale('zh-CN'));

  it('shows the server’s Chinese sentence naming the listing and the other side', async () => {
    await setLocale('zh-CN');
    const text = render(proposal).text();
    expect(text).toContain('颐禾社会工作服务中心 就您的“沐澜基金会社区养老项目资助”发起了匹配提议');
    expect(text).toContain('对方的需求');
  });

  it('words it in English from the data, naming the same listing and organization', async () => {
    await setLocale('en');
    const text = render(proposal).text();
    expect(text).toContain(
      '上海市徐汇区颐禾社会工作服务中心 proposed a match on your “沐澜基金会社区养老项目资助”',
    );
    expect(text).not.toContain('发起了匹配提议');
  });

  it('falls back to the plain sentence for a notification made before listings were named', async () => {
    await setLocale('en');
    const text = render({ ...proposal, data: { matchId: 'c00000000000000000000001' } }).text();
    expect(text).toContain('Someone proposed a match to you');
  });
});
