/**
 * A valid call of every route: path parameters, query and body that pass validation, so that only who calls
 * decides the outcome. The authorization matrix runs them for every caller; the fuzzer mutates them. One file an
 * area in recipes/, as the matrix's rows. Keys are `METHOD /path` as in listRoutes(); a key may carry a variant
 * after a space, e.g. `GET /listings/:id (closed)`, for a second subject state.
 */
import { assembled } from './areas.js';
import { accountRecipes } from './recipes/accounts.js';
import { baseRecipes } from './recipes/bases.js';
import { marketRecipes } from './recipes/market.js';
import { oversightRecipes } from './recipes/oversight.js';
import type { Recipes } from './recipes/recipe.js';
import { spaceRecipes } from './recipes/spaces.js';

export type { CallParts, Recipe, RecipeContext } from './recipes/recipe.js';

export const recipes: Recipes = assembled({
  accounts: accountRecipes,
  bases: baseRecipes,
  market: marketRecipes,
  oversight: oversightRecipes,
  spaces: spaceRecipes,
});

/** `METHOD /path` of a recipe or matrix key (the variant left off). */
export const routeOfKey = (key: string) => key.split(' ').slice(0, 2).join(' ');
