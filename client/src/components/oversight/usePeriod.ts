import { computed, ref } from 'vue';

/** The periods the dashboard offers: the last twelve months (the API's default) or a calendar year. */
export type PeriodChoice = 'last12' | `year-${number}`;

/** A period picker's state and the `from`/`to` of the choice (whole days, Shanghai time on the server). */
export function usePeriod(now = new Date()) {
  const year = now.getFullYear();
  const choice = ref<PeriodChoice>('last12');
  const choices: PeriodChoice[] = ['last12', `year-${year}`, `year-${year - 1}`, `year-${year - 2}`];
  const range = computed(() => {
    if (choice.value === 'last12') return {};
    const y = choice.value.slice(5);
    return { from: `${y}-01-01`, to: `${y}-12-31` };
  });
  return { choice, choices, range };
}
