/**
 * The parts of Meilisearch 1.11's API the adapter and the key set-up use: the fields each request may carry (any
 * other is refused with 400 `bad_request`) and the key actions it knows. Read from the 1.11 API reference.
 */
const words = (text: string) => text.trim().split(/\s+/);

/** Top-level fields of `PATCH /indexes/{uid}/settings`. */
export const SETTINGS_FIELDS = words(`
  displayedAttributes searchableAttributes filterableAttributes sortableAttributes rankingRules stopWords
  nonSeparatorTokens separatorTokens dictionary synonyms distinctAttribute proximityPrecision typoTolerance
  faceting pagination embedders searchCutoffMs localizedAttributes`);

/** Parameters of `POST /indexes/{uid}/search`. */
export const SEARCH_FIELDS = words(`
  q vector offset limit page hitsPerPage attributesToRetrieve retrieveVectors attributesToCrop cropLength
  attributesToHighlight showMatchesPosition showRankingScore showRankingScoreDetails filter sort facets
  highlightPreTag highlightPostTag cropMarker matchingStrategy attributesToSearchOn hybrid rankingScoreThreshold
  locales`);

/** Query parameters of `GET /tasks`. */
export const TASK_QUERY = words(`
  limit from uids canceledBy types statuses indexUids afterEnqueuedAt beforeEnqueuedAt afterStartedAt
  beforeStartedAt afterFinishedAt beforeFinishedAt`);

/** Fields of `POST /keys`. */
export const KEY_FIELDS = words('uid name description actions indexes expiresAt');

/** Key actions 1.11 accepts. */
export const KEY_ACTIONS_1_11 = new Set(
  words(`
    * search version documents.* documents.add documents.get documents.delete indexes.* indexes.create
    indexes.get indexes.update indexes.delete indexes.swap tasks.* tasks.cancel tasks.delete tasks.get
    settings.* settings.get settings.update stats.* stats.get metrics.* metrics.get dumps.* dumps.create
    snapshots.* snapshots.create keys.* keys.create keys.get keys.update keys.delete experimental.*
    experimental.get experimental.update`),
);
