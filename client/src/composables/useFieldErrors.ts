import { computed, reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { z } from 'zod';

/** What a zod issue (from the shared schema here, or from the API's error details) carries. */
export interface IssueLike {
  path: readonly PropertyKey[];
  code: string;
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
  input?: unknown;
}

/** Words a schema issue in the interface's language, naming the field and the limit. */
export function useIssueText() {
  const { t, te } = useI18n();
  const first = (message: string) => Number(/\d+/.exec(message)?.[0] ?? NaN);

  function body(issue: IssueLike, field: string): string {
    const rule = `validation.rules.${field}`;
    // The API's details carry no limits, but its messages name them ("at least 2 characters").
    const min = Number(issue.minimum ?? first(issue.message));
    const max = Number(issue.maximum ?? first(issue.message));
    const list = issue.origin === 'array' || /choose|item/.test(issue.message);
    switch (issue.code) {
      case 'too_small':
        if (list) return t('validation.tooFew', { min });
        if (issue.origin === 'number') return t('validation.tooSmall', { min });
        return min <= 1 ? t('validation.required') : t('validation.tooShort', { min });
      case 'too_big':
        if (list) return t('validation.tooMany', { max });
        if (issue.origin === 'number') return t('validation.tooBig', { max });
        return t('validation.tooLong', { max });
      case 'invalid_type':
        return issue.input === undefined || issue.input === ''
          ? t('validation.required')
          : t('validation.invalid');
      case 'invalid_format':
        return issue.format === 'email' ? t('validation.email') : t('validation.invalid');
      case 'invalid_value':
        return t('validation.choose');
      case 'duplicate':
        return t('validation.duplicate');
      default:
        return te(rule) ? t(rule) : t('validation.invalid');
    }
  }

  /** The sentence for an issue; with `withLabel`, prefixed by the field's name (for lists away from the field). */
  return (issue: IssueLike, withLabel = true): string => {
    const keys = issue.path.map(String);
    // Nested paths (amount.max, evidence.summary, eligibility.minGrade) are labelled by their last key.
    const field = keys.filter((k) => !/^\d+$/.test(k)).at(-1) ?? '';
    const label = withLabel && te(`fields.${field}`) ? t(`fields.${field}`) : '';
    const text = body(issue, field);
    return label ? t('validation.field', { field: label, problem: text }) : text;
  };
}

/**
 * Validates a form model with a shared zod schema on every change, so mistakes show while the user types.
 * A field's message appears once it has been touched (edited or left), or after `touchAll` on submit.
 */
export function useFieldErrors<T>(schema: z.ZodType<T>, model: () => unknown) {
  const { t } = useI18n();
  const issueText = useIssueText();
  const touched = reactive(new Set<string>());
  const showAll = ref(false);
  const result = computed(() => schema.safeParse(model()));

  /** The first problem of each field path (`title`, `amount.max`), worded without the field name. */
  const problems = computed(() => {
    const map = new Map<string, string>();
    if (result.value.success) return map;
    for (const issue of result.value.error.issues) {
      const key = issue.path.map(String).join('.');
      if (!map.has(key)) map.set(key, issueText(issue as IssueLike, false) || t('validation.invalid'));
    }
    return map;
  });

  const visible = (path: string) => showAll.value || touched.has(path);
  const within = (key: string, path: string) => key === path || key.startsWith(`${path}.`);

  return {
    valid: computed(() => result.value.success),
    data: computed(() => (result.value.success ? result.value.data : undefined)),
    /** The message to show under a field, or '' while it is fine or untouched. */
    error: (path: string): string => {
      if (!visible(path)) return '';
      for (const [key, text] of problems.value) if (within(key, path)) return text;
      return '';
    },
    /** Whether any of these fields (or their parts) has a problem, touched or not. */
    hasProblemIn: (paths: readonly string[]) =>
      [...problems.value.keys()].some((key) => paths.some((p) => within(key, p))),
    touch: (path: string) => touched.add(path),
    touchAll: (paths?: readonly string[]) => {
      if (paths) for (const p of paths) touched.add(p);
      else showAll.value = true;
    },
    reset: () => {
      touched.clear();
      showAll.value = false;
    },
  };
}

/** What `useFieldErrors` gives a form. */
export type FieldErrors<T> = ReturnType<typeof useFieldErrors<T>>;
