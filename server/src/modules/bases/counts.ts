/**
 * What a base's page counts that other modules own: its residents, its spaces and its upcoming events. Those
 * modules register a counter here (`registerBaseCounter('spaceCount', countSpaces)`) when their routes are built; until one is
 * registered the count is 0. The bases module never reads their collections itself.
 */
export type BaseCountName = 'residentCount' | 'spaceCount' | 'upcomingEventCount';

/** For each base id asked, how many; a base missing from the map counts 0. */
export type BaseCounter = (baseIds: string[], now: Date) => Promise<Map<string, number>>;

const counters = new Map<BaseCountName, BaseCounter>();

/** Registers (or replaces) the counter of one figure. */
export function registerBaseCounter(name: BaseCountName, counter: BaseCounter): void {
  counters.set(name, counter);
}

/** Every registered figure for the bases, each 0 where no counter is registered. */
export async function countForBases(
  baseIds: string[],
  now = new Date(),
): Promise<Map<string, Record<BaseCountName, number>>> {
  const names: BaseCountName[] = ['residentCount', 'spaceCount', 'upcomingEventCount'];
  const found = await Promise.all(
    names.map(async (name) => {
      const counter = counters.get(name);
      return counter && baseIds.length ? counter(baseIds, now) : new Map<string, number>();
    }),
  );
  return new Map(
    baseIds.map((id) => [
      id,
      {
        residentCount: found[0]!.get(id) ?? 0,
        spaceCount: found[1]!.get(id) ?? 0,
        upcomingEventCount: found[2]!.get(id) ?? 0,
      },
    ]),
  );
}
