import { mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n, setLocale } from '@/i18n/index.js';
import ListPager from './ListPager.vue';

/** The pager as a list uses it, with `v-model:page`: the page it asks for becomes the current one. */
function mountPager(props: { page: number; total: number; pageSize: number }) {
  const wrapper = mount(ListPager, {
    props: { ...props, 'onUpdate:page': (page: number) => void wrapper.setProps({ page }) },
    global: { plugins: [i18n] },
  });
  return wrapper;
}

describe('ListPager', () => {
  beforeEach(() => setLocale('zh-CN'));

  it('stays out of the way while everything fits on one page', () => {
    expect(mountPager({ page: 1, total: 20, pageSize: 20 }).find('[data-testid="pager"]').exists()).toBe(
      false,
    );
    expect(mountPager({ page: 1, total: 0, pageSize: 10 }).html()).not.toContain('el-pagination');
  });

  it('is a labelled navigation with at most five page buttons, and says which page is current', () => {
    const pager = mountPager({ page: 3, total: 200, pageSize: 10 });
    const nav = pager.find('nav[data-testid="pager"]');
    expect(nav.attributes('aria-label')).toBe('分页');
    const numbers = pager.findAll('.el-pager li.number');
    expect(numbers.length).toBeLessThanOrEqual(5);
    expect(pager.find('.el-pager li.is-active').text()).toBe('3');
  });

  it('asks for the page chosen, the next one and the previous one', async () => {
    const pager = mountPager({ page: 1, total: 45, pageSize: 20 });
    await pager
      .findAll('.el-pager li.number')
      .find((li) => li.text() === '3')!
      .trigger('click');
    await pager.find('button.btn-prev').trigger('click');
    await pager.find('button.btn-next').trigger('click');
    await pager.find('button.btn-next').trigger('click');
    expect(pager.emitted('update:page')).toEqual([[3], [2], [3]]);
  });
});
