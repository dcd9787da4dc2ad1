import type { ClientSession, Schema } from 'mongoose';

/**
 * Records read in the last moments, kept in this process so that the reads every request repeats (its session,
 * its user) are not a database round trip each time. Correct because every write that changes a record forgets
 * it: in this process at once, in the others through `onForget` (the realtime layer carries it to every server
 * process; without another process there is no one to tell). A read that began before a forget is not kept, so a
 * read racing a write never stores the older record. `freshMs` bounds how long a record can outlive a forget that
 * was lost on its way to another process.
 */
export interface Forgetting {
  /** The records' keys. */
  keys?: string[];
  /** Every record stored with one of these tags (the sessions of a user). */
  tags?: string[];
}

type ForgetListener = (forgetting: Forgetting) => void;

interface Entry<V> {
  at: number;
  value: V;
  tag?: string;
}

/** Every cache by name, so that a forgetting from another process finds its cache. */
const byName = new Map<string, RecentlyRead<unknown>>();

export class RecentlyRead<V> {
  private readonly entries = new Map<string, Entry<V>>();
  /** Bumped by every forget: a read that saw another value of it than the current one is not stored. */
  private generation = 0;
  private readonly listeners = new Set<ForgetListener>();

  constructor(
    readonly name: string,
    private readonly options: { freshMs: number; maxEntries: number },
  ) {
    byName.set(name, this as RecentlyRead<unknown>);
  }

  /** The record when read recently and not forgotten since. */
  peek(key: string, now = Date.now()): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (now - hit.at < this.options.freshMs) return hit.value;
    this.entries.delete(key);
    return undefined;
  }

  /** To pass to `keep` once the read is done. */
  beginRead(): number {
    return this.generation;
  }

  /** Keeps what a read begun at `began` found, unless something was forgotten meanwhile. */
  keep(key: string, value: V, began: number, tag?: string): void {
    if (began !== this.generation) return;
    if (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.delete(key);
    this.entries.set(key, { at: Date.now(), value, ...(tag !== undefined ? { tag } : {}) });
  }

  /** Forgets records here and tells the listeners (other processes), unless the forgetting came from there. */
  forget(forgetting: Forgetting, options: { fromElsewhere?: boolean } = {}): void {
    if (!forgetting.keys?.length && !forgetting.tags?.length) return;
    this.generation++;
    for (const key of forgetting.keys ?? []) this.entries.delete(key);
    if (forgetting.tags?.length) {
      const tags = new Set(forgetting.tags);
      for (const [key, entry] of this.entries)
        if (entry.tag !== undefined && tags.has(entry.tag)) this.entries.delete(key);
    }
    if (!options.fromElsewhere) for (const listener of this.listeners) listener(forgetting);
  }

  /** Forgets everything (a write whose records cannot be told by key). */
  forgetAll(options: { fromElsewhere?: boolean } = {}): void {
    this.generation++;
    this.entries.clear();
    if (!options.fromElsewhere) for (const listener of this.listeners) listener({});
  }

  /** Called with every forgetting made in this process; returns the unsubscriber. */
  onForget(listener: ForgetListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Every cache of this process, by name. */
export function recentlyReadCaches(): ReadonlyMap<string, RecentlyRead<unknown>> {
  return byName;
}

/** A forgetting that came from another process; `{}` (no keys, no tags) forgets all of that cache. */
export function forgetFromElsewhere(name: string, forgetting: Forgetting): void {
  const cache = byName.get(name);
  if (!cache) return;
  if (!forgetting.keys?.length && !forgetting.tags?.length) cache.forgetAll({ fromElsewhere: true });
  else cache.forget(forgetting, { fromElsewhere: true });
}

/** The ids a write's filter names by `_id` (a value, `$eq` or `$in`), or undefined when it may touch others. */
function idsNamedBy(filter: Record<string, unknown>): string[] | undefined {
  const id = filter._id as unknown;
  if (id === undefined || id === null) return undefined;
  if (typeof id !== 'object' || !('$in' in id || '$eq' in id)) return [String(id)];
  const condition = id as { $in?: unknown; $eq?: unknown };
  if (Object.keys(condition).length !== 1) return undefined;
  if (Array.isArray(condition.$in)) return condition.$in.map(String);
  return condition.$eq === undefined ? undefined : [String(condition.$eq)];
}

/**
 * Forgets the records (kept by `_id`) a write may have changed: those its filter names, or all when it does not
 * name them. In a transaction, once more when its session ends: until it commits, a read would find (and keep)
 * the record as it was.
 */
export function forgetWritten<V>(
  cache: RecentlyRead<V>,
  filter: Record<string, unknown>,
  session?: ClientSession | null,
): void {
  const ids = idsNamedBy(filter);
  const forget = () => (ids ? cache.forget({ keys: ids }) : cache.forgetAll());
  forget();
  if (session?.inTransaction()) session.once('ended', forget);
}

/**
 * Makes every write through a model of `schema` (each update, replace and delete, and `save`) forget what it may
 * have changed from `cache`, whose records are kept by `_id`.
 */
export function forgetOnWrites<V>(schema: Schema, cache: RecentlyRead<V>): void {
  schema.post(
    [
      'updateOne',
      'updateMany',
      'replaceOne',
      'findOneAndUpdate',
      'findOneAndReplace',
      'findOneAndDelete',
      'deleteOne',
      'deleteMany',
    ],
    { document: false, query: true },
    function () {
      forgetWritten(cache, this.getFilter(), this.getOptions().session);
    },
  );
  schema.post('save', function () {
    forgetWritten(cache, { _id: this._id }, this.$session());
  });
}
