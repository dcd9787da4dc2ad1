import { useI18n } from 'vue-i18n';
import { ApiError } from '@/api/http.js';
import { useIssueText } from './useFieldErrors.js';

export interface ErrorView {
  /** What went wrong, in the interface's language, from the error code. */
  title: string;
  /** The API's own message (English, as the contract gives it) when it adds something. */
  message?: string;
  /** One line per invalid field, worded in the interface's language. */
  details: string[];
  requestId?: string;
  status: number;
}

/** Turns any failure into something a person can read: the error body's code, fields and request id. */
export function useApiError() {
  const { t, te } = useI18n();
  const issueText = useIssueText();

  function describe(err: unknown): ErrorView {
    if (!(err instanceof ApiError)) return { title: t('errors.unexpected'), details: [], status: 0 };
    const key = `errors.codes.${err.code}`;
    const details = err.details.map((d) =>
      issueText({ path: Array.isArray(d.path) ? d.path : d.path ? d.path.split('.') : [], code: d.code ?? 'custom', message: d.message }),
    );
    return {
      title: te(key) ? t(key) : t('errors.unexpected'),
      // The field lines already say it for a validation error; an internal message is never shown as is.
      message:
        err.code === 'validation_failed' || err.code === 'internal' || details.length
          ? undefined
          : err.message,
      details,
      requestId: err.requestId,
      status: err.status,
    };
  }

  /** A one-line summary for a toast. */
  function summary(err: unknown): string {
    const view = describe(err);
    return [view.title, view.details[0] ?? view.message].filter(Boolean).join('：');
  }

  return { describe, summary };
}
