import { computed, readonly, ref, shallowRef } from 'vue';
import { ApiError } from '@/api/http.js';
import { useIssueText, type FieldErrors } from './useFieldErrors.js';

/**
 * The one way a form sends: what is running, what failed, the API's word on each field, and no second send while
 * the first is on its way (a double click or Enter twice sends once).
 *
 * With `fields` (from `useFieldErrors`), `submit` first shows every field's problem and sends nothing while the
 * shared schema refuses the model; the action then receives the parsed body. `fieldError(path)` is the message to
 * show under a field: the schema's while the user types, else the API's from its last refusal.
 */
export function useSubmission<T = undefined>(fields?: FieldErrors<T>) {
  const issueText = useIssueText();
  const running = ref<string | null>(null);
  const failure = shallowRef<unknown>(null);
  /** Field path (`email`, `evidence.summary`) → the API's problem with it, worded without the field's name. */
  const refused = ref(new Map<string, string>());

  function clear(): void {
    failure.value = null;
    refused.value = new Map();
  }

  /**
   * Runs `action` unless one is already running; `what` names it for forms with more than one button
   * (`running.value === 'accept'`). Resolves true when the action ran and succeeded; a failure is kept in
   * `failure` (and its field details in `fieldError`), never thrown.
   */
  async function submit(action: (data: T) => Promise<unknown>, what = 'submit'): Promise<boolean> {
    if (running.value !== null) return false;
    let data = undefined as T;
    if (fields) {
      fields.touchAll();
      if (!fields.valid.value) return false;
      data = fields.data.value as T;
    }
    running.value = what;
    clear();
    try {
      await action(data);
      return true;
    } catch (err) {
      failure.value = err;
      if (err instanceof ApiError) {
        const map = new Map<string, string>();
        for (const d of err.details) {
          if (!d.path) continue;
          const segments = Array.isArray(d.path) ? d.path : d.path.split('.');
          const key = segments.join('.');
          if (map.has(key)) continue;
          map.set(key, issueText({ path: segments, code: d.code ?? 'custom', message: d.message }, false));
        }
        refused.value = map;
      }
      return false;
    } finally {
      running.value = null;
    }
  }

  return {
    /** True while an action is on its way. */
    pending: computed(() => running.value !== null),
    /** Which action is on its way (`what` given to `submit`), or null. */
    running: readonly(running),
    /** The last failure, for `ApiErrorAlert`; cleared when the next submit starts. */
    failure,
    fieldError: (path: string): string => fields?.error(path) || refused.value.get(path) || '',
    submit,
    clear,
  };
}
