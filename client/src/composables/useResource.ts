import { shallowRef, watch, type WatchSource } from 'vue';

/**
 * Something loaded from the API for a page: its data, the failure if any, and whether it is loading. Reloads
 * when a watched source changes (a route id, the language); an answer that arrives late for an older request
 * is dropped.
 */
export function useResource<T>(load: () => Promise<T>, sources: WatchSource[] = []) {
  const data = shallowRef<T | null>(null);
  const error = shallowRef<unknown>(null);
  const loading = shallowRef(true);
  let generation = 0;

  async function reload(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    try {
      const value = await load();
      if (mine === generation) data.value = value;
    } catch (err) {
      if (mine === generation) error.value = err;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  watch(sources, () => void reload(), { immediate: true });
  return { data, error, loading, reload };
}
