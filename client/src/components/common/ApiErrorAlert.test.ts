import { mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '@/api/http.js';
import { i18n, setLocale } from '@/i18n/index.js';
import ApiErrorAlert from './ApiErrorAlert.vue';

const alertFor = (error: unknown) => mount(ApiErrorAlert, { props: { error }, global: { plugins: [i18n] } });

describe('ApiErrorAlert', () => {
  beforeEach(() => setLocale('zh-CN'));

  it('heads a wrong password with what the server said, not with "please sign in first"', () => {
    const text = alertFor(new ApiError(401, 'unauthenticated', '邮箱或密码错误')).text();
    expect(text).toContain('邮箱或密码错误');
    expect(text).not.toContain('请先登录');
  });

  it('words an internal error or a lost connection by its code, never by its raw message', () => {
    const internal = alertFor(new ApiError(500, 'internal', 'TypeError: x is undefined')).text();
    expect(internal).not.toContain('TypeError');
    const offline = alertFor(new ApiError(0, 'network', 'Failed to fetch')).text();
    expect(offline).not.toContain('Failed to fetch');
  });
});
