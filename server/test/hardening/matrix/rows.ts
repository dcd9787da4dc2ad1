/**
 * The shapes of the authorization matrix's rows (matrix.ts), and the outcomes several areas share. A route acting on
 * a subject has one cell per role and relation: [owner, colleague, stranger]; `_` marks a relation the role cannot
 * have.
 */
import type { Caller } from '../world.js';

export const _ = null;
type Cell = number | null;
/** [owner, colleague, stranger] */
type Triple = readonly [Cell, Cell, Cell];

export interface ByCaller {
  kind: 'by-caller';
  outcome: Record<Caller, number>;
}
export interface BySubject {
  kind: 'by-subject';
  anonymous: number;
  outcome: Record<Exclude<Caller, 'anonymous'>, Triple>;
}
export type MatrixRow = ByCaller | BySubject;
/** An area's rows, by `METHOD /path` (with a variant after a space, as recipes.ts keys them). */
export type MatrixRows = Record<string, MatrixRow>;

/** The same outcome for every caller, anonymous included. */
export const all = (status: number): ByCaller => ({
  kind: 'by-caller',
  outcome: {
    anonymous: status,
    resident: status,
    organization: status,
    funder: status,
    operator: status,
    bureau: status,
  },
});
/** The same outcome for every signed-in caller; anonymous 401. */
export const signedIn = (status: number): ByCaller => ({
  kind: 'by-caller',
  outcome: { ...all(status).outcome, anonymous: 401 },
});
/** `status` for the allowed roles, `others` for the other signed-in ones; anonymous 401. */
export const only = (status: number, allowed: Caller[], others = 403): ByCaller => {
  const outcome = { ...signedIn(others).outcome };
  for (const caller of allowed) outcome[caller] = status;
  return { kind: 'by-caller', outcome };
};
export const onSubject = (anonymous: number, outcome: BySubject['outcome']): BySubject => ({
  kind: 'by-subject',
  anonymous,
  outcome,
});

/** Owner and colleague may; any stranger gets `refused` (staff included). */
export const holdersOnly = (ok: number, refused: number, anonymous = 401) =>
  onSubject(anonymous, {
    resident: [ok, _, refused],
    organization: [ok, ok, refused],
    funder: [ok, ok, refused],
    operator: [ok, _, refused],
    bureau: [_, _, refused],
  });

/** The base's operators and the bureau; another base's operator and everyone else get `refused`. */
export function baseStaff(ok: number, refused: number): BySubject {
  return onSubject(401, {
    resident: [_, _, 403],
    organization: [_, _, 403],
    funder: [_, _, 403],
    operator: [ok, _, refused],
    bureau: [_, _, ok],
  });
}

/**
 * The base's own operators only (the subject is the base, or a residency, space or event of it): the bureau
 * oversees but does not act; another base's operator and everyone else get 403.
 */
export function baseOperatorsOnly(ok: number): BySubject {
  return onSubject(401, {
    resident: [_, _, 403],
    organization: [_, _, 403],
    funder: [_, _, 403],
    operator: [ok, _, 403],
    bureau: [_, _, 403],
  });
}

/** The caller's own record: anyone else's, a colleague's included, is not found. */
export function ownOnly(ok: number): BySubject {
  return onSubject(401, {
    resident: [ok, _, 404],
    organization: [ok, 404, 404],
    funder: [ok, 404, 404],
    operator: [ok, _, 404],
    bureau: [ok, _, 404],
  });
}
