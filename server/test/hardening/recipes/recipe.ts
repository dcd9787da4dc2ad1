/** What a recipe is (recipes.ts), and the pieces the areas' recipes share. */
import { randomBytes } from 'node:crypto';
import { creditCodeCheckChar } from '@app/shared';
import type { Subject, SubjectKind } from '../subjects.js';
import type { Actor, Caller, World } from '../world.js';

export interface RecipeContext {
  world: World;
  caller: Caller;
  /** The signed-in caller; undefined when anonymous. */
  actor?: Actor;
  subject?: Subject;
}

export interface CallParts {
  params?: Record<string, string>;
  query?: Record<string, string | string[]>;
  body?: unknown;
  /** A multipart upload instead of a JSON body. */
  upload?: {
    field: string;
    filename: string;
    contentType: string;
    data: Buffer;
    fields?: Record<string, string>;
  };
}

export interface Recipe {
  /** What the route acts on; without one the route has one outcome per caller. */
  subject?: SubjectKind;
  /** The call changes the caller itself (session, password, organization): use a newly signed-in account. */
  fresh?: boolean;
  /**
   * The bureau sees a stranger's contact fields (it looks after every organization). An operator sees only those of
   * its own base's organizations, which are never the stranger's (world.ts), so it gets no exemption.
   */
  bureauSeesContact?: boolean;
  build(ctx: RecipeContext): CallParts | Promise<CallParts>;
}

/** An area's recipes, keyed as its matrix rows. */
export type Recipes = Record<string, Recipe>;

export const unique = () => randomBytes(5).toString('hex');
let creditSerial = 0;
/** A valid credit code: 52 social service agency or 53 foundation, registered in Xuhui. */
export const creditCode = (prefix: '52' | '53') => {
  const first17 =
    `${prefix}310104${String(++creditSerial).padStart(6, '0')}${randomBytes(2).readUInt16BE() % 1000}`
      .padEnd(17, '7')
      .slice(0, 17);
  return first17 + creditCodeCheckChar(first17);
};

/** The subject's id as the route's `:id`. */
export const id = (ctx: RecipeContext) => ({ id: ctx.subject!.id });
