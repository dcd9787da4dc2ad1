/**
 * What a route acts on, built fresh for each cell of the authorization matrix: a listing, a match in some state,
 * an organization... owned by the actor ("owner"), by a colleague in the actor's organization ("colleague"), or by
 * a stranger. Records are written through the models: authorization does not depend on how they were made. Each
 * area's kinds are in subjects/: which roles can hold one in each relation, whose a stranger's is, and its builder.
 */
import { assembled } from './areas.js';
import { accountSubjects } from './subjects/accounts.js';
import { baseSubjects } from './subjects/bases.js';
import { marketSubjects } from './subjects/market.js';
import { spaceSubjects } from './subjects/spaces.js';
import type { Relation, Subject } from './subjects/subject.js';
import type { Actor, Caller, World } from './world.js';

export { RELATIONS, type Relation, type Subject } from './subjects/subject.js';

// The oversight area's routes act on no subject.
const kinds = assembled({
  accounts: accountSubjects,
  bases: baseSubjects,
  market: marketSubjects,
  spaces: spaceSubjects,
});
export type SubjectKind = keyof typeof kinds;

/**
 * Whether a role can stand in the relation to a subject of the kind at all; every other cell of the matrix is
 * "n/a". For an organization (and its documents), a closed listing and an overdue match, an operator's
 * "colleague" relation is the base's: see the kinds' notes.
 */
export function isPossible(kind: SubjectKind, caller: Caller, relation: Relation): boolean {
  return relation === 'stranger' || kinds[kind][relation].includes(caller);
}

/** Who holds the subject in this relation to the caller; undefined when the cell cannot exist. */
export function holderOf(
  world: World,
  kind: SubjectKind,
  caller: Caller,
  relation: Relation,
): Actor | undefined {
  if (!isPossible(kind, caller, relation) || caller === 'anonymous') {
    return relation === 'stranger' ? strangerFor(world, kind) : undefined;
  }
  if (relation === 'owner') return world.actors[caller];
  if (relation === 'colleague' && caller === 'operator') return world.residentOfOwnBase;
  if (relation === 'colleague') return world.colleagues[caller];
  return strangerFor(world, kind);
}

const strangerFor = (world: World, kind: SubjectKind): Actor => world.strangers[kinds[kind].stranger];

/** Builds a fresh subject of the kind, held by `holder`. */
export function buildSubject(world: World, kind: SubjectKind, holder: Actor): Promise<Subject> {
  return kinds[kind].build(world, holder);
}
