import { mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n, setLocale } from '@/i18n/index.js';
import AccountPasswordFields from './AccountPasswordFields.vue';

/** The fields as a form uses them: both passwords bound with `v-model`, the form's errors and touches. */
function mountFields(withCurrent: boolean, errors: Record<string, string> = {}) {
  const touched: string[] = [];
  const wrapper = mount(AccountPasswordFields, {
    props: {
      withCurrent,
      currentPassword: '',
      newPassword: '',
      'onUpdate:currentPassword': (value: string) => void wrapper.setProps({ currentPassword: value }),
      'onUpdate:newPassword': (value: string) => void wrapper.setProps({ newPassword: value }),
      errorOf: (path: string) => errors[path] ?? '',
      onTouch: (path: string) => void touched.push(path),
    },
    global: { plugins: [i18n] },
  });
  return { wrapper, touched };
}

const inputs = (wrapper: ReturnType<typeof mountFields>['wrapper']) =>
  wrapper.findAll('input').map((input) => ({
    name: input.attributes('name'),
    type: input.attributes('type'),
    autocomplete: input.attributes('autocomplete'),
  }));

describe('AccountPasswordFields', () => {
  beforeEach(() => setLocale('zh-CN'));

  it('asks the reset link only for the new password, which the browser may offer to make', () => {
    const { wrapper } = mountFields(false);
    expect(inputs(wrapper)).toEqual([
      { name: 'newPassword', type: 'password', autocomplete: 'new-password' },
    ]);
    expect(wrapper.findAll('.el-form-item__label').map((label) => label.text())).toEqual(['新密码']);
  });

  it('asks a signed-in person for the current password first, and says each field’s problem under it', async () => {
    const { wrapper } = mountFields(true, { newPassword: '至少需要 8 个字符' });
    expect(inputs(wrapper)).toEqual([
      { name: 'currentPassword', type: 'password', autocomplete: 'current-password' },
      { name: 'newPassword', type: 'password', autocomplete: 'new-password' },
    ]);
    expect(wrapper.findAll('.el-form-item__label').map((label) => label.text())).toEqual([
      '当前密码',
      '新密码',
    ]);
    const items = wrapper.findAll('.el-form-item');
    expect(items.map((item) => item.classes('is-error'))).toEqual([false, true]);
    // Element Plus shows the message a moment (100 ms) after the field turns to error.
    await vi.waitFor(() => expect(items[1]!.find('.el-form-item__error').text()).toBe('至少需要 8 个字符'));
    expect(items[0]!.find('.el-form-item__error').exists()).toBe(false);
  });

  it('hands what is typed to the form, and says which field was left', async () => {
    const { wrapper, touched } = mountFields(true);
    const [current, fresh] = wrapper.findAll('input');
    await current!.setValue('old secret 1');
    await fresh!.setValue('new secret 22');
    expect(wrapper.props()).toMatchObject({ currentPassword: 'old secret 1', newPassword: 'new secret 22' });
    await fresh!.trigger('blur');
    await current!.trigger('blur');
    expect(touched).toEqual(['newPassword', 'currentPassword']);
  });
});
