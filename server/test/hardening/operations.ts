/**
 * What the fuzzer works on: the operations of the published OpenAPI document (joined to the route specs they were
 * generated from), a valid sample call of each, and a pool of real ids of other people's things.
 */
import type { RouteSpec } from '../../src/lib/http/registry.js';
import { listRoutes } from '../../src/lib/http/registry.js';
import type { fromSchema } from './arbitraries.js';
import type { Method } from './http.js';
import { httpMatrix } from './matrix.js';
import { recipes, type CallParts } from './recipes.js';
import { buildSubject, holderOf, RELATIONS, type Subject, type SubjectKind } from './subjects.js';
import { CALLERS, ROLES, type Actor, type Caller, type World } from './world.js';

export type JsonSchema = Parameters<typeof fromSchema>[0];

export interface Operation {
  key: string;
  method: Method;
  /** Express-style path below /api. */
  path: string;
  spec: RouteSpec;
  body?: JsonSchema;
  queryNames: string[];
}

type OpenApiOperation = {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema: JsonSchema }> };
};

/** The operations of GET /api/openapi.json. */
export async function operationsOfDocument(world: World): Promise<Operation[]> {
  const doc = (await world.anonymous.get('/api/openapi.json')).body as {
    paths: Record<string, Record<string, OpenApiOperation>>;
  };
  return Object.entries(doc.paths).flatMap(([openapiPath, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const path = openapiPath.replace(/^\/api/, '').replace(/\{(\w+)\}/g, ':$1');
      return {
        key: `${method.toUpperCase()} ${path}`,
        method: method as Method,
        path,
        spec: listRoutes().find((r) => r.method === method && r.path === path)!,
        body: op.requestBody?.content?.['application/json']?.schema,
        queryNames: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      };
    }),
  );
}

/** A valid call of a route, by a caller it lets through: what the fuzzer mutates. */
export interface Sample {
  caller?: Actor;
  parts: CallParts;
}

/** The first caller and relation the matrix lets through. */
function allowedCaller(key: string): [Caller, (typeof RELATIONS)[number]] {
  const row = httpMatrix[key]!;
  if (row.kind === 'by-caller') return [CALLERS.find((c) => row.outcome[c] < 300) ?? 'anonymous', 'owner'];
  for (const role of ROLES) {
    const i = row.outcome[role].findIndex((status) => status !== null && status < 300);
    if (i >= 0) return [role, RELATIONS[i]!];
  }
  return ['anonymous', 'stranger'];
}

/**
 * Builds a sample call per operation (with the subjects it needs) and the id pool: every account, organization,
 * base and subject, matches in every state, and ids of nothing.
 */
export async function buildSamples(
  world: World,
  operations: Operation[],
  disposable: Map<Caller, Actor>,
): Promise<{ samples: Map<string, Sample>; ids: string[] }> {
  const samples = new Map<string, Sample>();
  const subjects: Subject[] = [];
  for (const op of operations) {
    const recipe = recipes[op.key];
    if (!recipe || !httpMatrix[op.key]) continue; // the authorization matrix reports the missing row
    const [caller, relation] = allowedCaller(op.key);
    const actor =
      caller === 'anonymous' ? undefined : recipe.fresh ? disposable.get(caller) : world.actors[caller];
    const holder = recipe.subject ? holderOf(world, recipe.subject, caller, relation) : undefined;
    const subject = recipe.subject && holder ? await buildSubject(world, recipe.subject, holder) : undefined;
    if (subject) subjects.push(subject);
    samples.set(op.key, { caller: actor, parts: await recipe.build({ world, caller, actor, subject }) });
  }
  const more: SubjectKind[] = [
    'proposed-match',
    'accepted-match',
    'completed-match',
    'match-evidence',
    'closed-listing',
    'document',
  ];
  for (const kind of more) subjects.push(await buildSubject(world, kind, world.strangers.organization));
  // Other people's conversation (with a message), notification and saved search; a funder's conversation is
  // with a stranger resident, whose match the funder accepts.
  for (const kind of ['conversation', 'notification', 'saved-search'] as const)
    subjects.push(await buildSubject(world, kind, world.strangers.funder));

  const ids = [
    ...world.everyone.flatMap((a) => [String(a.user._id), ...(a.org ? [String(a.org._id)] : [])]),
    String(world.bases.own._id),
    String(world.bases.other._id),
    ...subjects.flatMap((s) => [
      s.id,
      s.needId,
      s.offerId,
      s.documentId,
      s.fileId,
      s.messageId,
      s.match && String(s.match.needId),
    ]),
    '000000000000000000000000',
    'ffffffffffffffffffffffff',
  ].filter((id): id is string => Boolean(id));
  return { samples, ids };
}
