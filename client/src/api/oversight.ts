import {
  errorBodySchema,
  importResultSchema,
  statsSchema,
  type ImportResult,
  type ImportType,
  type StatsQuery,
} from '@app/shared';
import { api, ApiError, type HttpClient } from './http.js';

/** The statistics of a period and scope (GET /api/stats). */
export function fetchStats(query: Partial<StatsQuery>, client: HttpClient = api) {
  return client.get('/api/stats', { query: { ...query }, schema: statsSchema });
}

const withQuery = (path: string, query: Record<string, string | number | undefined>) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  return `${path}?${params}`;
};

/** Where the annual evaluation (xlsx) or the district table (csv) downloads from. */
export const evaluationUrl = (query: {
  format: 'xlsx' | 'csv';
  year: number;
  district?: string;
  baseId?: string;
}) => withQuery('/api/stats/export', query);

/** Where the template of an import downloads from. */
export const importTemplateUrl = (type: ImportType) => withQuery('/api/imports/template', { type });

/**
 * Uploads a filled-in template (POST /api/imports) with XMLHttpRequest, the one browser API that reports upload
 * progress: `onProgress` gets the share sent (0..1); at 1 the server is checking and importing the rows.
 */
export async function uploadImport(
  type: ImportType,
  file: File,
  dryRun: boolean,
  onProgress: (share: number) => void,
  client: HttpClient = api,
): Promise<ImportResult> {
  const token = await client.csrfToken();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', withQuery('/api/imports', { type, dryRun: String(dryRun) }));
    xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network error'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        const parsed = importResultSchema.safeParse(body);
        if (parsed.success) resolve(parsed.data);
        else reject(new ApiError(xhr.status, 'bad_response', 'unexpected answer from POST /api/imports'));
        return;
      }
      const error = errorBodySchema.safeParse(body);
      if (error.success) {
        const { code, message, details, requestId } = error.data.error;
        reject(new ApiError(xhr.status, code, message, details ?? [], requestId));
      } else
        reject(
          new ApiError(xhr.status, xhr.status === 413 ? 'payload_too_large' : 'bad_response', xhr.statusText),
        );
    };
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}
