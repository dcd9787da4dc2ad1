import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CreateSavedSearchBody, SavedSearch } from '@app/shared';

/**
 * The saved searches' API, loaded when first used: its schemas check place codes, and the place table is not
 * part of the first download of every page (the store itself is, for the session's lifecycle).
 */
const savedSearchesApi = () => import('@/api/savedSearches.js');

/** Searches the user asked to be told about when a new listing answers them. */
export const useSavedSearchesStore = defineStore('savedSearches', () => {
  const items = ref<SavedSearch[]>([]);
  const loaded = ref(false);

  async function load(): Promise<void> {
    try {
      items.value = await (await savedSearchesApi()).fetchSavedSearches();
    } finally {
      loaded.value = true;
    }
  }

  async function save(body: CreateSavedSearchBody): Promise<SavedSearch> {
    const saved = await (await savedSearchesApi()).createSavedSearch(body);
    items.value = [saved, ...items.value.filter((s) => s.id !== saved.id)];
    return saved;
  }

  /** Removes at once and puts it back if the server refuses. */
  async function remove(id: string): Promise<void> {
    const before = items.value;
    items.value = before.filter((s) => s.id !== id);
    try {
      await (await savedSearchesApi()).deleteSavedSearch(id);
    } catch (err) {
      items.value = before;
      throw err;
    }
  }

  function reset(): void {
    items.value = [];
    loaded.value = false;
  }

  return { items, loaded, load, save, remove, reset };
});
