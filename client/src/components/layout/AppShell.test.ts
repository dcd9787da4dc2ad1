import { mount, flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory } from 'vue-router';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n, setLocale } from '@/i18n/index.js';
import { createAppRouter } from '@/router/index.js';
import type { User } from '@app/shared';
import { useSessionStore } from '@/stores/session.js';
import AppShell from './AppShell.vue';

async function mountShell(path = '/search', user: User | null = null) {
  const pinia = createPinia();
  setActivePinia(pinia);
  // The session check has answered: signed out, or signed in as this user.
  const session = useSessionStore();
  session.user = user;
  session.restored = true;
  const router = createAppRouter(createMemoryHistory(), pinia);
  await router.push(path);
  const wrapper = mount(AppShell, { global: { plugins: [pinia, i18n, router] } });
  await flushPromises();
  return { wrapper, router };
}

const labels = (wrapper: Awaited<ReturnType<typeof mountShell>>['wrapper'], selector: string) =>
  wrapper.findAll(`${selector} a`).map((a) => a.text());

describe('AppShell', () => {
  beforeEach(() => setLocale('zh-CN'));

  it('shows the six main destinations in the tab bar and the top navigation', async () => {
    const { wrapper } = await mountShell();
    const main = ['首页', '找资源', '发布', '匹配', '消息', '我的'];
    expect(labels(wrapper, '.tab-bar')).toEqual(main);
    // The bases' public pages are one more place in the top navigation, not a tab.
    expect(labels(wrapper, '.top-nav')).toEqual([...main, '培育基地']);
  });

  it('shows operator and bureau sections only to those roles', async () => {
    const { wrapper } = await mountShell();
    expect(wrapper.text()).not.toContain('基地运营');
    useSessionStore().user = { id: 'u1', name: '王老师', role: 'operator' };
    await flushPromises();
    expect(labels(wrapper, '.top-nav')).toContain('基地运营');
    expect(labels(wrapper, '.top-nav')).not.toContain('监管');
    // The tab bar keeps its six places on a phone: the workspace takes the place of posting.
    expect(labels(wrapper, '.tab-bar')).toEqual(['首页', '找资源', '匹配', '消息', '我的', '基地运营']);
  });

  it('sends a visitor to sign in for a page that needs an account, and keeps where they were going', async () => {
    const { wrapper, router } = await mountShell('/matches');
    expect(router.currentRoute.value.name).toBe('signin');
    expect(router.currentRoute.value.query.redirect).toBe('/matches');
    expect(wrapper.find('main h1').text()).toBe('登录资源链');
    await router.push('/no/such/page');
    await flushPromises();
    expect(wrapper.find('main').text()).toContain('页面不存在');
  });

  it('keeps staff pages to their roles and offers posting only to roles that post', async () => {
    const resident = { id: 'u1', name: '王阿姨', role: 'resident' } as const;
    const { wrapper, router } = await mountShell('/operator', resident);
    expect(router.currentRoute.value.name).toBe('home');
    expect(labels(wrapper, '.top-nav')).toContain('发布');
    const bureau = await mountShell('/search', { id: 'u2', name: '李科长', role: 'bureau' });
    expect(labels(bureau.wrapper, '.top-nav')).toEqual([
      '首页',
      '找资源',
      '匹配',
      '消息',
      '我的',
      '培育基地',
      '监管',
    ]);
    expect(labels(bureau.wrapper, '.tab-bar')).toEqual(['首页', '找资源', '匹配', '消息', '我的', '监管']);
  });

  it('marks the current destination as active', async () => {
    const { wrapper } = await mountShell('/search');
    const active = wrapper.findAll('.tab-bar a.router-link-exact-active').map((a) => a.text());
    expect(active).toEqual(['找资源']);
  });
});
