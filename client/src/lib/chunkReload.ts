/**
 * After a deploy, a page open since before asks for chunks of the old build, which are gone (404). The cure is
 * one full load of the address the user was going to; a second failure right after is a real fault, not a stale
 * page, and is left to show as an error rather than reload forever.
 */
const RELOADED_KEY = 'rl.chunkReload';
/** Within this time a second failure for the same address does not reload again. */
const WINDOW_MS = 60_000;

const CHUNK_FAILURE =
  /Failed to fetch dynamically imported module|Importing a module script failed|error loading dynamically imported module|Unable to preload CSS/i;

/** Whether an error is a lazily loaded chunk that could not be fetched. */
export function isChunkLoadFailure(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err ?? '');
  return CHUNK_FAILURE.test(message);
}

export interface ReloadDeps {
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  load: (url: string) => void;
  now: () => number;
}

function lastTry(storage: ReloadDeps['storage']): { url: string; at: number } | null {
  try {
    return JSON.parse(storage.getItem(RELOADED_KEY) ?? 'null') as { url: string; at: number } | null;
  } catch {
    return null;
  }
}

/** Loads `url` afresh unless it was already tried just now; returns whether it did. */
export function reloadOnce(url: string, deps: ReloadDeps): boolean {
  const last = lastTry(deps.storage);
  if (last && last.url === url && deps.now() - last.at < WINDOW_MS) return false;
  try {
    deps.storage.setItem(RELOADED_KEY, JSON.stringify({ url, at: deps.now() }));
  } catch {
    // Without storage we cannot tell a loop from a first try: do not reload.
    return false;
  }
  deps.load(url);
  return true;
}

/** The browser's own storage, address bar and clock. */
export const browserReload = (): ReloadDeps => ({
  storage: window.sessionStorage,
  load: (url) => window.location.assign(url),
  now: () => Date.now(),
});
