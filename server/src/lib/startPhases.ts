/**
 * Where a start's time goes: the wall and CPU time of each step of `startServer`, logged once the server listens
 * as one line (`start phases`) that `npm run bench -- start` reads. CPU time is the process's (every thread): on a
 * shared machine it counts the other processes' load far less than wall time does.
 */

/** One step's wall time and the CPU time the process used during it, in ms. */
export interface PhaseTime {
  ms: number;
  cpuMs: number;
}

export interface StartPhasesSummary {
  /** When this process started (ms since the epoch): a launcher's time (npm, the build check) is before it. */
  processStartedAt: number;
  /** From the process's start to the first step: node itself and importing the server's modules. */
  beforeStartMs: number;
  /** The process's CPU time until then (all threads). */
  beforeStartCpuMs: number;
  phases: Record<string, PhaseTime>;
  /** From the process's start to now. */
  totalMs: number;
}

const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const round = (ms: number) => Math.round(ms);

export class StartPhases {
  private readonly phases: Record<string, PhaseTime> = {};
  private readonly startedMs: number;
  private readonly startedCpuMs: number;
  private lastMs: number;
  private lastCpuMs: number;

  constructor() {
    this.startedMs = this.lastMs = performance.now();
    this.startedCpuMs = this.lastCpuMs = cpuNow();
  }

  /** Ends the step that ran since the previous one ended (or since this was made), under `name`. */
  end(name: string): void {
    const ms = performance.now();
    const cpuMs = cpuNow();
    const previous = this.phases[name];
    // A name ended twice (a step in two parts) adds up.
    this.phases[name] = {
      ms: (previous?.ms ?? 0) + round(ms - this.lastMs),
      cpuMs: (previous?.cpuMs ?? 0) + round(cpuMs - this.lastCpuMs),
    };
    this.lastMs = ms;
    this.lastCpuMs = cpuMs;
  }

  summary(): StartPhasesSummary {
    return {
      processStartedAt: round(performance.timeOrigin),
      beforeStartMs: round(this.startedMs),
      beforeStartCpuMs: round(this.startedCpuMs),
      phases: { ...this.phases },
      totalMs: round(performance.now()),
    };
  }
}
