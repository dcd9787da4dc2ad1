import type { Logger } from 'pino';
import { acquireLease } from './lease.js';

export interface Job {
  name: string;
  everyMs: number;
  run(): Promise<void>;
}

/**
 * Runs each job on its interval, only while holding its lease in MongoDB. Runs never overlap within a process;
 * `stop()` waits for a running job to finish.
 */
export class JobScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(private readonly logger: Logger) {}

  add(job: Job): void {
    const tick = async () => {
      if (this.stopped || this.running.has(job.name)) return;
      const run = (async () => {
        try {
          if (await acquireLease(`job:${job.name}`, Math.max(job.everyMs * 2, 30_000))) await job.run();
        } catch (err) {
          this.logger.error({ err, job: job.name }, 'job failed');
        }
      })();
      this.running.set(job.name, run);
      await run;
      this.running.delete(job.name);
    };
    const timer = setInterval(() => void tick(), job.everyMs);
    timer.unref();
    this.timers.set(job.name, timer);
  }

  /** Runs one job now (tests; start-up catch-up), still under its lease. */
  async runNow(name: string, job: Job): Promise<void> {
    if (await acquireLease(`job:${name}`, Math.max(job.everyMs * 2, 30_000))) await job.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearInterval(timer);
    await Promise.allSettled([...this.running.values()]);
  }
}
