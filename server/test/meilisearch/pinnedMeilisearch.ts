/**
 * A stand-in for the pinned Meilisearch (v1.11) on a local port, for the requests the adapter and the key set-up
 * make. It keeps to that version's request shapes: unknown fields in a body or query are refused with the 400 that
 * Meilisearch's deserializer gives (code `bad_request`), keys and their actions are checked on every call, and
 * tasks go from `enqueued` to a final status as the real task queue would. It does not rank anything: searches
 * return the stored documents, so it checks what is sent, not search quality (the contract suite does that).
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const STUB_VERSION = '1.11.3';

import { KEY_ACTIONS_1_11, KEY_FIELDS, SEARCH_FIELDS, SETTINGS_FIELDS, TASK_QUERY } from './api111.js';

export { KEY_ACTIONS_1_11 } from './api111.js';

interface ApiKey {
  uid: string;
  key: string;
  name: string | null;
  description: string | null;
  actions: string[];
  indexes: string[];
  expiresAt: string | null;
}
interface StubTask {
  uid: number;
  indexUid: string | null;
  status: 'enqueued' | 'processing' | 'succeeded' | 'failed' | 'canceled';
  type: string;
  enqueuedAt: string;
  error: { message: string; code: string; type: string; link: string } | null;
  details: Record<string, unknown>;
  run: () => void;
}
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  key: string | undefined;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type = 'invalid_request',
  ) {
    super(message);
  }
}

const unknownField = (name: string, known: string[]) =>
  new ApiError(
    400,
    'bad_request',
    `Unknown field \`${name}\`: expected one of ${known.map((k) => `\`${k}\``).join(', ')}`,
  );

function onlyKnown(value: unknown, known: string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiError(400, 'bad_request', 'Invalid value type: expected an object');
  }
  for (const name of Object.keys(value)) if (!known.includes(name)) throw unknownField(name, known);
  return value as Record<string, unknown>;
}

const allows = (patterns: string[], value: string) =>
  patterns.some((p) => p === '*' || p === value || (p.endsWith('*') && value.startsWith(p.slice(0, -1))));

export class PinnedMeilisearch {
  readonly requests: RecordedRequest[] = [];
  private readonly indexes = new Map<string, Map<string, Record<string, unknown>>>();
  private readonly tasks: StubTask[] = [];
  private readonly keys = new Map<string, ApiKey>();
  /** Task types whose next task fails, with the error it reports (a fault Meilisearch can produce). */
  private readonly faults = new Map<string, number>();
  private server: Server | undefined;
  url = '';

  constructor(readonly masterKey: string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private paused = false;

  /** The next `count` tasks of this type enqueued fail (e.g. `documentAdditionOrUpdate`). */
  failNext(type: string, count = 1): void {
    this.faults.set(type, count);
  }

  /** Holds enqueued tasks (as a busy queue would) until `resume()`. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.runQueue();
  }

  private runQueue(): void {
    if (!this.paused) for (const t of this.tasks) if (t.status === 'enqueued') t.run();
  }

  documents(uid: string): Record<string, unknown>[] {
    return [...(this.indexes.get(uid)?.values() ?? [])];
  }

  indexNames(): string[] {
    return [...this.indexes.keys()];
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stub');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString();
    const auth = req.headers.authorization;
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: raw ? JSON.parse(raw) : undefined,
      key: auth?.startsWith('Bearer ') ? auth.slice(7) : undefined,
    };
    this.requests.push(recorded);
    try {
      const [status, answer] = this.route(recorded);
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(500, 'internal', String(err), 'internal');
      res.writeHead(e.status, { 'Content-Type': 'application/json' }).end(
        JSON.stringify({
          message: e.message,
          code: e.code,
          type: e.type,
          link: `https://docs.meilisearch.com/errors#${e.code}`,
        }),
      );
    }
  }

  /** Checks the request's key may do `action` on every index named. */
  private authorize(r: RecordedRequest, action: string, indexes: string[] = []): void {
    if (!r.key)
      throw new ApiError(401, 'missing_authorization_header', 'The Authorization header is missing.', 'auth');
    if (r.key === this.masterKey) return;
    const key = [...this.keys.values()].find((k) => k.key === r.key);
    const group = action.split('.')[0];
    const ok =
      key &&
      (key.actions.includes('*') || key.actions.includes(action) || key.actions.includes(`${group}.*`)) &&
      indexes.every((i) => allows(key.indexes, i));
    if (!ok) throw new ApiError(403, 'invalid_api_key', 'The provided API key is invalid.', 'auth');
  }

  private route(r: RecordedRequest): [number, unknown] {
    const p = r.path.split('/').filter(Boolean);
    const at = (...parts: string[]) =>
      p.length === parts.length && parts.every((x, i) => x === '*' || x === p[i]);
    if (r.method === 'GET' && at('health')) return [200, { status: 'available' }];
    if (r.method === 'GET' && at('version')) {
      this.authorize(r, 'version');
      return [200, { pkgVersion: STUB_VERSION, commitSha: 'stub', commitDate: '2024-11-01T00:00:00Z' }];
    }
    if (r.method === 'POST' && at('indexes')) return this.createIndex(r);
    if (r.method === 'DELETE' && at('indexes', '*')) {
      const uid = p[1]!;
      this.authorize(r, 'indexes.delete', [uid]);
      return this.enqueue('indexDeletion', uid, () => {
        if (!this.indexes.delete(uid))
          throw new ApiError(404, 'index_not_found', `Index \`${uid}\` not found.`);
      });
    }
    if (r.method === 'PATCH' && at('indexes', '*', 'settings')) {
      this.authorize(r, 'settings.update', [p[1]!]);
      onlyKnown(r.body, SETTINGS_FIELDS);
      const filterable = (r.body as { filterableAttributes?: unknown[] }).filterableAttributes ?? [];
      if (filterable.some((f) => typeof f !== 'string')) {
        throw new ApiError(
          400,
          'invalid_settings_filterable_attributes',
          'Invalid value type at `.filterableAttributes[0]`: expected a string',
        );
      }
      return this.enqueue('settingsUpdate', p[1]!, () => this.existing(p[1]!));
    }
    if (r.method === 'POST' && at('indexes', '*', 'documents')) {
      const uid = p[1]!;
      this.authorize(r, 'documents.add', [uid]);
      onlyKnown(r.query, ['primaryKey', 'csvDelimiter']);
      const docs = r.body as Record<string, unknown>[];
      return this.enqueue('documentAdditionOrUpdate', uid, () => {
        if (!this.indexes.has(uid)) this.indexes.set(uid, new Map());
        for (const doc of docs) this.indexes.get(uid)!.set(String(doc.id), doc);
      });
    }
    if (r.method === 'POST' && at('indexes', '*', 'documents', 'delete-batch')) {
      const uid = p[1]!;
      this.authorize(r, 'documents.delete', [uid]);
      return this.enqueue('documentDeletion', uid, () => {
        for (const id of r.body as string[]) this.existing(uid).delete(String(id));
      });
    }
    if (r.method === 'DELETE' && at('indexes', '*', 'documents')) {
      this.authorize(r, 'documents.delete', [p[1]!]);
      return this.enqueue('documentDeletion', p[1]!, () => this.existing(p[1]!).clear());
    }
    if (r.method === 'GET' && at('indexes', '*', 'stats')) {
      this.authorize(r, 'stats.get', [p[1]!]);
      const docs = this.existing(p[1]!);
      const busy = this.tasks.some((t) => t.indexUid === p[1] && t.status === 'enqueued');
      return [200, { numberOfDocuments: docs.size, isIndexing: busy, fieldDistribution: {} }];
    }
    if (r.method === 'POST' && at('indexes', '*', 'search')) {
      this.authorize(r, 'search', [p[1]!]);
      const params = onlyKnown(r.body, SEARCH_FIELDS);
      const hits = this.documents(p[1]!);
      const hitsPerPage = Number(params.hitsPerPage ?? 20);
      const page = Number(params.page ?? 1);
      return [
        200,
        {
          hits: hits.slice((page - 1) * hitsPerPage, page * hitsPerPage),
          totalHits: hits.length,
          page,
          hitsPerPage,
          totalPages: Math.ceil(hits.length / hitsPerPage),
          facetDistribution: {},
          processingTimeMs: 0,
          query: params.q ?? '',
        },
      ];
    }
    if (r.method === 'POST' && at('swap-indexes')) return this.swap(r);
    if (r.method === 'GET' && at('tasks', '*')) {
      const task = this.tasks[Number(p[1])];
      this.authorize(r, 'tasks.get', task?.indexUid ? [task.indexUid] : []);
      if (!task) throw new ApiError(404, 'task_not_found', `Task \`${p[1]}\` not found.`);
      return [200, this.view(task)];
    }
    if (r.method === 'GET' && at('tasks')) return this.listTasks(r);
    if (r.method === 'POST' && at('keys')) return this.createKey(r);
    if (r.method === 'GET' && at('keys', '*')) {
      this.authorize(r, 'keys.get');
      const key = this.keys.get(p[1]!) ?? [...this.keys.values()].find((k) => k.key === p[1]);
      if (!key) throw new ApiError(404, 'api_key_not_found', `API key \`${p[1]}\` not found.`);
      return [200, key];
    }
    throw new ApiError(404, 'not_found', `the stand-in does not serve ${r.method} ${r.path}`);
  }

  private existing(uid: string): Map<string, Record<string, unknown>> {
    const index = this.indexes.get(uid);
    if (!index) throw new ApiError(404, 'index_not_found', `Index \`${uid}\` not found.`);
    return index;
  }

  private createIndex(r: RecordedRequest): [number, unknown] {
    const body = onlyKnown(r.body, ['uid', 'primaryKey']);
    const uid = String(body.uid);
    this.authorize(r, 'indexes.create', [uid]);
    return this.enqueue('indexCreation', uid, () => {
      if (this.indexes.has(uid))
        throw new ApiError(409, 'index_already_exists', `Index \`${uid}\` already exists.`);
      this.indexes.set(uid, new Map());
    });
  }

  private swap(r: RecordedRequest): [number, unknown] {
    if (!Array.isArray(r.body))
      throw new ApiError(400, 'bad_request', 'Invalid value type: expected a sequence');
    const pairs = r.body.map((entry) => {
      const { indexes } = onlyKnown(entry, ['indexes']);
      if (!Array.isArray(indexes) || indexes.length !== 2) {
        throw new ApiError(400, 'invalid_swap_indexes', 'Two indexes must be given for each swap.');
      }
      return indexes as [string, string];
    });
    this.authorize(r, 'indexes.swap', pairs.flat());
    return this.enqueue('indexSwap', null, () => {
      for (const [a, b] of pairs) {
        const [x, y] = [this.existing(a), this.existing(b)];
        this.indexes.set(a, y).set(b, x);
      }
    });
  }

  private listTasks(r: RecordedRequest): [number, unknown] {
    this.authorize(r, 'tasks.get');
    const q = onlyKnown(r.query, TASK_QUERY) as Record<string, string>;
    const list = (v: string | undefined) => (v === undefined ? undefined : v.split(','));
    const uids = list(q.uids)?.map(Number);
    const statuses = list(q.statuses);
    const limit = Number(q.limit ?? 20);
    const matching = [...this.tasks]
      .reverse()
      .filter((t) => (!uids || uids.includes(t.uid)) && (!statuses || statuses.includes(t.status)));
    return [
      200,
      {
        results: matching.slice(0, limit).map((t) => this.view(t)),
        total: matching.length,
        limit,
        from: matching[0]?.uid ?? null,
        next: matching[limit]?.uid ?? null,
      },
    ];
  }

  private createKey(r: RecordedRequest): [number, unknown] {
    this.authorize(r, 'keys.create');
    const body = onlyKnown(r.body, KEY_FIELDS);
    if (!('expiresAt' in body))
      throw new ApiError(400, 'missing_expires_at', '`expiresAt` field is mandatory.');
    const actions = body.actions as string[];
    const bad = actions.find((a) => !KEY_ACTIONS_1_11.has(a));
    if (bad)
      throw new ApiError(400, 'invalid_api_key_actions', `Unknown value \`${bad}\` at \`.actions[0]\``);
    const uid = String(body.uid);
    if (this.keys.has(uid))
      throw new ApiError(
        409,
        'api_key_already_exists',
        `\`uid\` field value \`${uid}\` is already an existing API key.`,
      );
    const key: ApiKey = {
      uid,
      key: createHmac('sha256', this.masterKey).update(uid).digest('hex'),
      name: (body.name as string) ?? null,
      description: (body.description as string) ?? null,
      actions,
      indexes: body.indexes as string[],
      expiresAt: (body.expiresAt as string | null) ?? null,
    };
    this.keys.set(uid, key);
    return [201, key];
  }

  private enqueue(type: string, indexUid: string | null, work: () => void): [number, unknown] {
    const faults = this.faults.get(type) ?? 0;
    if (faults > 0) this.faults.set(type, faults - 1);
    const task: StubTask = {
      uid: this.tasks.length,
      indexUid,
      status: 'enqueued',
      type,
      enqueuedAt: new Date().toISOString(),
      error: null,
      details: {},
      run: () => {
        try {
          if (faults > 0) throw new ApiError(400, 'invalid_document_fields', 'injected failure');
          work();
          task.status = 'succeeded';
        } catch (err) {
          const e = err as ApiError;
          task.status = 'failed';
          task.error = {
            message: e.message,
            code: e.code,
            type: e.type,
            link: `https://docs.meilisearch.com/errors#${e.code}`,
          };
        }
      },
    };
    this.tasks.push(task);
    // Tasks run one after another, after the request that enqueued them has been answered.
    setTimeout(() => this.runQueue(), 5);
    return [202, { taskUid: task.uid, indexUid, status: 'enqueued', type, enqueuedAt: task.enqueuedAt }];
  }

  private view(t: StubTask) {
    const { run: _run, ...rest } = t;
    return { ...rest, canceledBy: null, duration: null, startedAt: null, finishedAt: null };
  }
}
