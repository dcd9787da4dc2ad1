import { mount } from '@vue/test-utils';
import { defineComponent, h, nextTick, reactive } from 'vue';
import { beforeEach, describe, expect, it } from 'vitest';
import { createOrganizationBodySchema, createListingBodySchema } from '@app/shared';
import { i18n, setLocale } from '@/i18n/index.js';
import { useFieldErrors, useIssueText } from './useFieldErrors.js';

/** Runs a composable inside a mounted component, as a page would. */
function withSetup<T>(setup: () => T): T {
  let result!: T;
  mount(defineComponent({ setup: () => ((result = setup()), () => h('div')) }), {
    global: { plugins: [i18n] },
  });
  return result;
}

describe('useFieldErrors', () => {
  beforeEach(() => setLocale('zh-CN'));

  it('words the shared schema’s issues in Chinese, once a field is touched', async () => {
    const form = reactive({
      name: '沪',
      type: 'foundation',
      creditCode: '53310000MJ48934705',
      domains: [],
      district: '310104',
      description: '',
    });
    const fields = withSetup(() => useFieldErrors(createOrganizationBodySchema, () => form));
    expect(fields.valid.value).toBe(false);
    expect(fields.error('name')).toBe('');
    fields.touch('name');
    fields.touch('creditCode');
    expect(fields.error('name')).toBe('至少 2 个字');
    expect(fields.error('creditCode')).toBe('请填写有效的 18 位统一社会信用代码');
    expect(fields.error('domains')).toBe('');
    fields.touchAll();
    expect(fields.error('domains')).toBe('至少选择 1 项');

    form.name = '沪上助老公益基金会';
    form.creditCode = '53310000MJ48934704';
    form.domains = ['elderly'] as never;
    await nextTick();
    expect(fields.valid.value).toBe(true);
    expect(fields.error('creditCode')).toBe('');
  });

  it('reports a rule across fields on the field it names, and knows which steps have problems', () => {
    const body = reactive({
      side: 'need',
      kind: 'service',
      subkind: 'grant',
      title: '上门助餐',
      description: '每周三次',
      domains: ['elderly'],
      district: '310104',
      startsAt: '2026-05-02T00:00:00+08:00',
      endsAt: '2026-05-01T23:59:59+08:00',
    });
    const fields = withSetup(() => useFieldErrors(createListingBodySchema, () => body));
    fields.touchAll();
    expect(fields.error('subkind')).toBe('细分类型与所选类型不符');
    expect(fields.hasProblemIn(['domains', 'district'])).toBe(false);
    expect(fields.hasProblemIn(['side', 'kind', 'subkind'])).toBe(true);
  });

  it('words the API’s error details with the field name, in the chosen language', async () => {
    await setLocale('en');
    const text = withSetup(() => useIssueText());
    expect(text({ path: ['title'], code: 'too_small', message: 'at least 2 characters' })).toBe(
      'Title: at least 2 characters',
    );
    expect(text({ path: ['street'], code: 'custom', message: 'the street is not in that district' })).toBe(
      'Street or town: that street is not in the district chosen',
    );
  });
});
