import { mount } from '@vue/test-utils';
import { defineComponent, h, reactive } from 'vue';
import { beforeEach, describe, expect, it } from 'vitest';
import { loginBodySchema } from '@app/shared';
import { ApiError } from '@/api/http.js';
import { i18n, setLocale } from '@/i18n/index.js';
import { useFieldErrors } from './useFieldErrors.js';
import { useSubmission } from './useSubmission.js';

/** Runs composables inside a mounted component, as a form would. */
function withSetup<T>(setup: () => T): T {
  let result!: T;
  mount(defineComponent({ setup: () => ((result = setup()), () => h('div')) }), {
    global: { plugins: [i18n] },
  });
  return result;
}

/** A promise the test settles by hand, to look at the form while a request is on its way. */
function deferred() {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const refusal = new ApiError(400, 'validation_failed', 'Invalid request body', [
  { path: 'email', code: 'invalid_format', message: 'must be an email address' },
  { path: 'password', code: 'too_small', message: 'at least 8 characters' },
]);

describe('useSubmission', () => {
  beforeEach(() => setLocale('zh-CN'));

  it('refuses a second submit while the first is on its way, and sends again once it is done', async () => {
    const form = withSetup(() => useSubmission());
    const answer = deferred();
    let calls = 0;
    const action = () => ((calls += 1), answer.promise);

    const first = form.submit(action);
    expect(form.pending.value).toBe(true);
    expect(await form.submit(action)).toBe(false);
    expect(calls).toBe(1);

    answer.resolve();
    expect(await first).toBe(true);
    expect(form.pending.value).toBe(false);
    expect(await form.submit(async () => void (calls += 1))).toBe(true);
    expect(calls).toBe(2);
  });

  it('names the action running, so a form with two buttons spins the right one, and guards both', async () => {
    const form = withSetup(() => useSubmission());
    const answer = deferred();
    const accepting = form.submit(() => answer.promise, 'accept');
    expect(form.running.value).toBe('accept');
    expect(await form.submit(async () => undefined, 'decline')).toBe(false);
    answer.resolve();
    await accepting;
    expect(form.running.value).toBeNull();
  });

  it('clears pending on failure, keeps the failure, and maps the API’s field details to their fields', async () => {
    const form = withSetup(() => useSubmission());
    const answer = deferred();
    const sent = form.submit(() => answer.promise);
    answer.reject(refusal);
    expect(await sent).toBe(false);
    expect(form.pending.value).toBe(false);
    expect(form.failure.value).toBe(refusal);
    // The API's details carry a code and an English message; each is worded like the schema's own problems.
    expect(form.fieldError('email')).toBe('格式不正确');
    expect(form.fieldError('password')).toBe('至少 8 个字');
    expect(form.fieldError('name')).toBe('');

    // The next attempt starts clean.
    expect(await form.submit(async () => undefined)).toBe(true);
    expect(form.failure.value).toBeNull();
    expect(form.fieldError('email')).toBe('');
  });

  it('keeps a failure that is not the API’s (a thrown bug, a lost network) without field lines', async () => {
    const form = withSetup(() => useSubmission());
    const bug = new Error('boom');
    expect(await form.submit(() => Promise.reject(bug))).toBe(false);
    expect(form.failure.value).toBe(bug);
    expect(form.fieldError('email')).toBe('');
  });

  it('with the shared schema, sends nothing while it refuses the model and shows every field’s problem', async () => {
    const model = reactive({ email: 'not-an-email', password: '' });
    const { fields, form } = withSetup(() => {
      const fields = useFieldErrors(loginBodySchema, () => model);
      return { fields, form: useSubmission(fields) };
    });
    const sent: unknown[] = [];
    expect(form.fieldError('email')).toBe('');
    expect(await form.submit(async (body) => void sent.push(body))).toBe(false);
    expect(sent).toEqual([]);
    expect(form.pending.value).toBe(false);
    expect(form.fieldError('email')).toBe('请输入有效的电子邮箱');
    expect(fields.error('password')).not.toBe('');

    model.email = 'a@example.org';
    model.password = 'demo1234';
    expect(await form.submit(async (body) => void sent.push(body))).toBe(true);
    expect(sent).toEqual([{ email: 'a@example.org', password: 'demo1234' }]);
  });
});
