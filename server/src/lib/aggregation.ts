/*
 * Small pipeline builders the modules' statistics share. Every expression here is one MongoDB and the embedded
 * engine (mingo) evaluate alike: no time-zone names, no stages that copy documents.
 */

/** A range of time as a filter on one field: [from, to). */
export const within = (range: { from: Date; to: Date }) => ({ $gte: range.from, $lt: range.to });

/**
 * A pipeline expression giving the index of the month (in `months`) that `field` falls in, -1 before the first
 * month: a `$switch` over month starts, which MongoDB and the embedded engine evaluate alike (no time zone names).
 */
export function monthIndexExpression(field: string, months: Date[]): Record<string, unknown> {
  return {
    $switch: {
      branches: months.map((start, i) => ({ case: { $gte: [field, start] }, then: i })).reverse(),
      default: -1,
    },
  };
}
