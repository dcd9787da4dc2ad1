/** Percentile of an ascending list of numbers (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Runs `task` `total` times from `concurrency` workers; returns each call's duration (ms), sorted. */
export async function timeConcurrent(
  concurrency: number,
  total: number,
  task: (i: number) => Promise<void>,
): Promise<{ durations: number[]; wallMs: number }> {
  const durations: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        await task(i);
        durations.push(performance.now() - t0);
      }
    }),
  );
  return { durations: durations.sort((a, b) => a - b), wallMs: performance.now() - started };
}

export function summary(durations: readonly number[], wallMs: number) {
  return {
    p50_ms: round(percentile(durations, 0.5)),
    p95_ms: round(percentile(durations, 0.95)),
    p99_ms: round(percentile(durations, 0.99)),
    rps: round((durations.length / wallMs) * 1000, 1),
  };
}
