/** What a subject is (subjects.ts), and what each area says of its kinds. */
import type { ListingRecord } from '../../../src/modules/listings/model.js';
import type { MatchRecord } from '../../../src/modules/matching/model.js';
import type { OrganizationRecord } from '../../../src/modules/organizations/model.js';
import type { BaseRecord } from '../../../src/modules/bases/model.js';
import type { Actor, Caller, World } from '../world.js';

export type Relation = 'owner' | 'colleague' | 'stranger';
export const RELATIONS: readonly Relation[] = ['owner', 'colleague', 'stranger'];

/** What the recipe of a route gets: the subject's ids, and who holds them. */
export interface Subject {
  /** The id a route's `:id` takes. */
  id: string;
  listing?: ListingRecord;
  match?: MatchRecord;
  /** For `pair`: the need and offer to propose. */
  needId?: string;
  offerId?: string;
  /** For `bundle`: two offers of a stranger for the holder's need. */
  offerIds?: string[];
  org?: OrganizationRecord;
  documentId?: string;
  /** For `match-evidence`: an evidence file of the match. */
  fileId?: string;
  base?: BaseRecord;
  /** For `conversation`: a message in it, for read receipts. */
  messageId?: string;
  /** Everyone whose private data must not reach a stranger. */
  holders: Actor[];
}

/** One kind of subject. */
export interface SubjectDefinition {
  /**
   * Which roles can stand in which relation to it at all; every other cell of the matrix is "n/a". Anyone can be a
   * stranger.
   */
  owner: readonly Caller[];
  colleague: readonly Caller[];
  /** Which of the world's strangers holds a stranger's. */
  stranger: keyof World['strangers'];
  /** Builds a fresh one, held by `holder`. */
  build(world: World, holder: Actor): Promise<Subject>;
}

/** An area's kinds of subject, by name. */
export const subjectKinds = <K extends string>(kinds: Record<K, SubjectDefinition>) => kinds;

/** A real 1×1 PNG (68 bytes). */
export const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
