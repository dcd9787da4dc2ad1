/** Latency and outcome counts of a workload, per operation and overall. */

export const OPERATIONS = [
  'search',
  'recommendations',
  'read',
  'mine',
  'create',
  'update',
  'propose',
  'accept',
  'matches',
  'message',
  'health',
] as const;
export type Operation = (typeof OPERATIONS)[number];

export interface OperationStats {
  /** Calls made, answered or not. */
  calls: number;
  /** Answered calls (any status), with their latency. */
  ms: number[];
  /** Failures: no answer, a 5xx, or a 4xx the workload does not expect. */
  errors: number;
  /** 409s: the state moved on (a listing matched meanwhile), a legitimate answer under concurrency. */
  conflicts: number;
}

/** One answered call: when it started (the driver's `performance.now()`, ms) and how long it took. */
export interface AnsweredCall {
  op: Operation;
  startedAt: number;
  ms: number;
}

export class WorkloadStats {
  readonly ops = new Map<Operation, OperationStats>();
  readonly errorSamples: string[] = [];
  /** Every answered call in the order answers came, to read latency over the run's time. */
  readonly answered: AnsweredCall[] = [];

  of(op: Operation): OperationStats {
    let stats = this.ops.get(op);
    if (!stats) this.ops.set(op, (stats = { calls: 0, ms: [], errors: 0, conflicts: 0 }));
    return stats;
  }

  /** Records an answered call's latency. */
  answer(op: Operation, startedAt: number, ms: number): void {
    this.of(op).ms.push(ms);
    this.answered.push({ op, startedAt, ms });
  }

  error(op: Operation, what: string): void {
    this.of(op).errors += 1;
    if (this.errorSamples.length < 20) this.errorSamples.push(`${op}: ${what}`);
  }

  get errors(): number {
    return [...this.ops.values()].reduce((n, s) => n + s.errors, 0);
  }

  get calls(): number {
    return [...this.ops.values()].reduce((n, s) => n + s.calls, 0);
  }

  get conflicts(): number {
    return [...this.ops.values()].reduce((n, s) => n + s.conflicts, 0);
  }

  /** Every answered call's latency, the baseline's left out. */
  latencies(exclude: Operation[] = ['health']): number[] {
    return [...this.ops].filter(([op]) => !exclude.includes(op)).flatMap(([, s]) => s.ms);
  }
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** One line per operation: count, p50, p99, errors, conflicts, and the p50 of the operation alone if measured. */
export function operationTable(
  stats: WorkloadStats,
  baseline?: { stats: WorkloadStats; cpuPerCall: Partial<Record<Operation, number>> },
): string {
  const alone = baseline?.stats;
  const cell = (value: string | number, width: number) => String(value).padStart(width);
  const lines = [
    'operation'.padEnd(16) +
      cell('calls', 8) +
      cell('p50 ms', 9) +
      cell('p99 ms', 9) +
      cell('errors', 8) +
      cell('409s', 7) +
      (alone ? cell('alone p50', 11) + cell('alone CPU ms', 14) : ''),
  ];
  for (const op of OPERATIONS) {
    const s = stats.ops.get(op);
    if (!s) continue;
    const a = alone?.ops.get(op);
    lines.push(
      op.padEnd(16) +
        cell(s.calls, 8) +
        cell(round(percentile(s.ms, 0.5)), 9) +
        cell(round(percentile(s.ms, 0.99)), 9) +
        cell(s.errors, 8) +
        cell(s.conflicts, 7) +
        (alone ? cell(a ? round(percentile(a.ms, 0.5)) : '-', 11) : '') +
        (alone
          ? cell(baseline?.cpuPerCall[op] === undefined ? '-' : round(baseline.cpuPerCall[op]!), 14)
          : ''),
    );
  }
  return lines.join('\n');
}

/** Latency of the calls started in one slice of the run's time. */
export interface LatencySlice {
  fromS: number;
  calls: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * The run cut into slices of `sliceS` seconds by when each call started (from `begin`, the driver's clock): a
 * p99 made by one stretch of the run (a stall, the first seconds' cold caches) shows as that slice's, where a
 * server short of capacity all along raises every slice.
 */
export function latencyOverTime(
  stats: WorkloadStats,
  begin: number,
  sliceS: number,
  exclude: Operation[] = ['health'],
): LatencySlice[] {
  const slices: number[][] = [];
  for (const call of stats.answered) {
    if (exclude.includes(call.op) || call.startedAt < begin) continue;
    const at = Math.floor((call.startedAt - begin) / 1000 / sliceS);
    (slices[at] ??= []).push(call.ms);
  }
  return [...slices.keys()].map((at) => {
    const ms = slices[at] ?? [];
    return {
      fromS: at * sliceS,
      calls: ms.length,
      p50: round(percentile(ms, 0.5)),
      p99: round(percentile(ms, 0.99)),
      max: round(ms.length ? Math.max(...ms) : NaN),
    };
  });
}
