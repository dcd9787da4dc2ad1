import { useI18n } from 'vue-i18n';
import { ApiError } from '@/api/http.js';
import { useIssueText } from './useFieldErrors.js';

export interface ErrorView {
  /** What went wrong: the API's own message (in the reader's language), else words for the error code. */
  title: string;
  /** More to say below the title (not used while the API's message is the title). */
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
    const byCode = te(key) ? t(key) : t('errors.unexpected');
    // The server words its errors in the reader's language: "邮箱或密码错误" says more than the code's "请先登录".
    // An internal error's message, or a failure that never reached the API, is never shown as is.
    const fromServer = err.status >= 400 && err.code !== 'internal' && err.message ? err.message : undefined;
    return {
      title: fromServer ?? byCode,
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
