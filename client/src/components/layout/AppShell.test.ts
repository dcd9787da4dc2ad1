import { mount, flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory } from 'vue-router';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n, setLocale } from '@/i18n/index.js';
import { createAppRouter } from '@/router/index.js';
import { useSessionStore } from '@/stores/session.js';
import AppShell from './AppShell.vue';

async function mountShell(path = '/search') {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createAppRouter(createMemoryHistory());
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
    expect(labels(wrapper, '.top-nav')).toEqual(main);
  });

  it('shows operator and bureau sections only to those roles', async () => {
    const { wrapper } = await mountShell();
    expect(wrapper.text()).not.toContain('基地运营');
    useSessionStore().user = { id: 'u1', name: '王老师', role: 'operator' };
    await flushPromises();
    expect(labels(wrapper, '.top-nav')).toContain('基地运营');
    expect(labels(wrapper, '.top-nav')).not.toContain('监管');
    // The tab bar keeps its six places on a phone.
    expect(labels(wrapper, '.tab-bar')).toHaveLength(6);
  });

  it('renders the page the route points at, with its coming-soon state', async () => {
    const { wrapper, router } = await mountShell('/matches');
    expect(wrapper.find('main').text()).toContain('“匹配”正在建设中');
    await router.push('/no/such/page');
    await flushPromises();
    expect(wrapper.find('main').text()).toContain('页面不存在');
  });

  it('marks the current destination as active', async () => {
    const { wrapper } = await mountShell('/messages');
    const active = wrapper.findAll('.tab-bar a.router-link-exact-active').map((a) => a.text());
    expect(active).toEqual(['消息']);
  });
});
