import cluster from 'node:cluster';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupPrimary as setupClusterAdapter } from '@socket.io/cluster-adapter';
import sticky from '@socket.io/sticky';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import { startPrimaryServices } from './primaryServices.js';
import { WorkerPool } from './workerPool.js';

/** Time the workers get to finish their requests at a stop before they are killed. */
const WORKER_GRACE_MS = 7_000;

/**
 * The primary process of `WORKERS=n` (docs/architecture.md, "Processes"): starts what the workers share
 * (primaryServices.ts), forks the n HTTP workers, then listens on PORT and hands each connection to a worker
 * (@socket.io/sticky: the requests of one Socket.IO session to the worker holding it; plain API connections in
 * turn). Socket.IO emits reach every worker through the cluster adapter, relayed here. On SIGTERM or SIGINT it
 * stops listening, stops the workers, then writes the index's snapshot and closes the database.
 */
export async function runPrimary(config: Config, logger: Logger): Promise<void> {
  // Buffers cross the IPC channel as they are (the sticky hand-over sends a request's first bytes).
  cluster.setupPrimary({ serialization: 'advanced' });
  setupClusterAdapter();
  const services = await startPrimaryServices(config, logger);
  const pool = new WorkerPool(config.WORKERS, services.workerEnv, logger);

  const http = createServer();
  let stopping: Promise<void> | undefined;
  const stop = (signal: string) => {
    stopping ??= (async () => {
      logger.info({ signal }, 'shutting down the workers, then the database');
      await new Promise<void>((resolve) => (http.listening ? http.close(() => resolve()) : resolve()));
      await pool.stop(WORKER_GRACE_MS);
      await services.close();
    })();
    return stopping;
  };
  process.on('SIGTERM', () => void stop('SIGTERM').then(() => process.exit(0)));
  process.on('SIGINT', () => void stop('SIGINT').then(() => process.exit(0)));

  try {
    await pool.start();
  } catch (err) {
    await stop('a worker failed to start');
    throw err;
  }
  sticky.setupMaster(http, { loadBalancingMethod: 'round-robin' });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.PORT, config.HOST, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  logger.info(
    { port, workers: config.WORKERS, pid: process.pid },
    `ResourceLink 资源链 is running at http://localhost:${port} with ${config.WORKERS} workers`,
  );
}
