import cluster from 'node:cluster';
import { setupPrimary as setupClusterAdapter } from '@socket.io/cluster-adapter';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import { startPrimaryServices } from './primaryServices.js';
import { WorkerPool } from './workerPool.js';

/** Time the workers get to finish their requests at a stop before they are killed. */
const WORKER_GRACE_MS = 7_000;

/**
 * V8 flags of the HTTP workers, after the primary's own (tsx's loader, a profiler's flags): a young generation
 * of 2 × 32 MiB instead of 2 × 16. A worker's garbage is mostly per request (parsed answers of the database and
 * the search RPC, the JSON it writes); under load more requests are in flight at each scavenge, so more of it
 * survives one and is copied, then promoted and marked by the old generation's collector (whose helper threads
 * were a fifth of the server's CPU under load: docs/benchmarks/load.md).
 */
const WORKER_V8_FLAGS = ['--max-semi-space-size=32'];

/**
 * The primary process of `WORKERS=n` (docs/architecture.md, "Processes"): starts what the workers share
 * (primaryServices.ts), then forks the n HTTP workers, which listen on PORT through node:cluster: the primary
 * accepts each connection and passes it to the next worker in turn (round-robin), once; every request a client
 * sends on that kept-alive connection then goes to that worker directly. Socket.IO needs no stickiness: workers
 * take WebSocket connections only (realtime/index.ts), and emits reach every worker through the cluster adapter,
 * relayed here. On SIGTERM or SIGINT it stops the workers (each closes its server), then writes the index's
 * snapshot and closes the database.
 */
export async function runPrimary(config: Config, logger: Logger): Promise<void> {
  // Buffers cross the IPC channel as they are (binary Socket.IO payloads relayed by the cluster adapter).
  cluster.setupPrimary({ serialization: 'advanced', execArgv: [...process.execArgv, ...WORKER_V8_FLAGS] });
  // The default on Linux already, but not on Windows: connections are dealt out by the primary, never left to
  // whichever worker the kernel wakes (which can give one worker most of them).
  cluster.schedulingPolicy = cluster.SCHED_RR;
  setupClusterAdapter();
  const services = await startPrimaryServices(config, logger);
  const pool = new WorkerPool(config.WORKERS, services.workerEnv, logger);

  let stopping: Promise<void> | undefined;
  const stop = (signal: string) => {
    stopping ??= (async () => {
      logger.info({ signal }, 'shutting down the workers, then the database');
      await pool.stop(WORKER_GRACE_MS);
      await services.close();
    })();
    return stopping;
  };
  process.on('SIGTERM', () => void stop('SIGTERM').then(() => process.exit(0)));
  process.on('SIGINT', () => void stop('SIGINT').then(() => process.exit(0)));

  let port: number;
  try {
    port = await pool.start();
  } catch (err) {
    await stop('a worker failed to start');
    throw err;
  }
  logger.info(
    { port, workers: config.WORKERS, pid: process.pid },
    `ResourceLink 资源链 is running at http://localhost:${port} with ${config.WORKERS} workers`,
  );
}
