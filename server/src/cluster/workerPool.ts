import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { readyPort, WORKER_ENV } from './roles.js';

/** A worker that dies sooner than this after its start counts as failing to start: its replacement waits longer. */
const HEALTHY_AFTER_MS = 30_000;
const MAX_RESTART_DELAY_MS = 30_000;

interface Slot {
  id: number;
  worker?: Worker;
  startedAt: number;
  /** Deaths in a row of a worker that did not live HEALTHY_AFTER_MS. */
  quickDeaths: number;
  timer?: NodeJS.Timeout;
}

/**
 * The HTTP workers of `WORKERS=n`: n slots, each holding one forked process; a worker that dies is replaced in
 * its slot (after a delay growing with quick deaths, so a worker that cannot start does not spin), until `stop()`.
 */
export class WorkerPool {
  private readonly slots: Slot[];
  private stopping = false;

  constructor(
    size: number,
    private readonly env: Record<string, string>,
    private readonly logger: Logger,
  ) {
    this.slots = Array.from({ length: size }, (_, i) => ({ id: i + 1, startedAt: 0, quickDeaths: 0 }));
  }

  /**
   * Forks every worker and resolves with the port they listen on once all take connections; rejects if one dies
   * first.
   */
  async start(timeoutMs = 120_000): Promise<number> {
    const ports = await Promise.all(this.slots.map((slot) => this.fork(slot, timeoutMs)));
    return ports[0]!;
  }

  /** The live workers' process ids (the benchmarks sum their CPU). */
  get pids(): number[] {
    return this.slots.flatMap((s) => (s.worker?.process.pid ? [s.worker.process.pid] : []));
  }

  private fork(slot: Slot, timeoutMs: number): Promise<number> {
    const worker = cluster.fork({ ...this.env, [WORKER_ENV.id]: String(slot.id) });
    // node:cluster deals connections only to workers that listen, which a worker does once its server is ready.
    // The cluster adapter relays to the workers in `cluster.workers`: a worker joins it once ready, so that the
    // others do not wait for the answers of one still starting.
    delete cluster.workers![worker.id];
    slot.worker = worker;
    slot.startedAt = Date.now();
    const ready = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker ${slot.id} did not start in time`)), timeoutMs);
      worker.on('message', (message: unknown) => {
        const port = readyPort(message);
        if (port === undefined) return;
        clearTimeout(timer);
        if (!worker.isDead()) cluster.workers![worker.id] = worker;
        resolve(port);
      });
      worker.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`worker ${slot.id} exited while starting (code ${code}, signal ${signal})`));
        this.replace(slot, worker, code, signal);
      });
    });
    return ready;
  }

  private replace(slot: Slot, dead: Worker, code: number | null, signal: string | null): void {
    if (this.stopping || slot.worker !== dead) return;
    slot.worker = undefined;
    slot.quickDeaths = Date.now() - slot.startedAt < HEALTHY_AFTER_MS ? slot.quickDeaths + 1 : 0;
    const delay = Math.min(MAX_RESTART_DELAY_MS, slot.quickDeaths ? 500 * 2 ** (slot.quickDeaths - 1) : 0);
    this.logger.warn(
      { worker: slot.id, code, signal, restartInMs: delay },
      'a worker died; starting another',
    );
    slot.timer = setTimeout(() => {
      slot.timer = undefined;
      if (this.stopping) return;
      this.fork(slot, 120_000).then(
        () => this.logger.info({ worker: slot.id }, 'worker replaced'),
        (err: unknown) => this.logger.error({ err, worker: slot.id }, 'the replacement worker failed'),
      );
    }, delay);
  }

  /**
   * Asks every worker to stop (SIGTERM: it finishes its requests and closes), then kills those still running
   * after `graceMs`. Resolves once all are gone.
   */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    const running = this.slots.flatMap((slot) => {
      if (slot.timer) clearTimeout(slot.timer);
      const worker = slot.worker;
      if (!worker || worker.isDead()) return [];
      return [
        new Promise<void>((resolve) => {
          worker.once('exit', () => resolve());
          const kill = setTimeout(() => worker.process.kill('SIGKILL'), graceMs);
          worker.once('exit', () => clearTimeout(kill));
          worker.process.kill('SIGTERM');
        }),
      ];
    });
    await Promise.all(running);
  }
}
