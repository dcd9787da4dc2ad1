import { computed, onScopeDispose, shallowRef, watch } from 'vue';
import { useRoute, useRouter, type LocationQuery } from 'vue-router';
import { searchSorts, type SearchResult } from '@app/shared';
import { searchListings, type SearchParams } from '@/api/search.js';

const list = (v: LocationQuery[string] | undefined) =>
  (Array.isArray(v) ? v : v ? [v] : []).filter((x): x is string => !!x);
const one = (v: LocationQuery[string] | undefined) => list(v)[0];

/** A yuan bound from the address bar; anything but a number from 0 up is left out. */
const bound = (v: LocationQuery[string] | undefined) => {
  const n = Number(one(v));
  return one(v) !== undefined && Number.isFinite(n) && n >= 0 ? n : undefined;
};

/** The search as the address bar holds it, so a search can be bookmarked, shared and gone back to. */
export function paramsFromQuery(query: LocationQuery): SearchParams {
  const sort = one(query.sort);
  const page = Number(one(query.page));
  const amountMin = bound(query.amountMin);
  const amountMax = bound(query.amountMax);
  return {
    q: one(query.q) ?? '',
    side: one(query.side),
    kind: list(query.kind),
    domain: list(query.domain),
    district: list(query.district),
    sort: (searchSorts as readonly string[]).includes(sort ?? '')
      ? (sort as SearchParams['sort'])
      : 'relevance',
    page: Number.isInteger(page) && page > 0 ? page : 1,
    ...(amountMin !== undefined ? { amountMin } : {}),
    ...(amountMax !== undefined ? { amountMax } : {}),
  };
}

function toQuery(p: SearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (p.q?.trim()) out.q = p.q.trim();
  if (p.side) out.side = p.side;
  for (const key of ['kind', 'domain', 'district'] as const) if (p[key]?.length) out[key] = p[key];
  if (p.sort && p.sort !== 'relevance') out.sort = p.sort;
  if (p.amountMin !== undefined) out.amountMin = String(p.amountMin);
  if (p.amountMax !== undefined) out.amountMax = String(p.amountMax);
  if (p.page && p.page > 1) out.page = String(p.page);
  return out;
}

/** Search state in the URL, results fetched for it; a newer search cancels an older one still in flight. */
export function useSearchQuery(pageSize = 20) {
  const route = useRoute();
  const router = useRouter();
  const params = computed(() => paramsFromQuery(route.query));
  const result = shallowRef<SearchResult | null>(null);
  const error = shallowRef<unknown>(null);
  const loading = shallowRef(false);
  let controller: AbortController | null = null;

  async function run(p: SearchParams): Promise<void> {
    controller?.abort();
    const mine = (controller = new AbortController());
    loading.value = true;
    error.value = null;
    try {
      result.value = await searchListings({ ...p, pageSize }, mine.signal);
    } catch (err) {
      if (!mine.signal.aborted) error.value = err;
    } finally {
      if (controller === mine) loading.value = false;
    }
  }

  watch(params, (p) => void run(p), { immediate: true, deep: true });
  onScopeDispose(() => controller?.abort());

  /** Changes some filters; any change but paging goes back to the first page. */
  function update(change: Partial<SearchParams>): void {
    const next = { ...params.value, ...change };
    if (!('page' in change)) next.page = 1;
    void router.replace({ query: toQuery(next) });
  }

  function toggle(key: 'kind' | 'domain' | 'district', code: string): void {
    const current = params.value[key] ?? [];
    update({ [key]: current.includes(code) ? current.filter((c) => c !== code) : [...current, code] });
  }

  const activeFilters = computed(
    () =>
      (params.value.side ? 1 : 0) +
      (params.value.kind?.length ?? 0) +
      (params.value.domain?.length ?? 0) +
      (params.value.district?.length ?? 0) +
      (params.value.amountMin !== undefined || params.value.amountMax !== undefined ? 1 : 0),
  );

  return { params, result, error, loading, update, toggle, activeFilters, retry: () => run(params.value) };
}
