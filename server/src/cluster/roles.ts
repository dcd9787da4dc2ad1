/**
 * `WORKERS=n` (n >= 2) on one machine: what the primary hands each HTTP worker (primary.ts forks them with these
 * environment variables) and the messages they exchange over the cluster's IPC channel.
 */
import { searchHostFromEnv } from '../search/remote/protocol.js';
import type { WorkerSetup } from '../server.js';

/** Set by the primary in each worker's environment. */
export const WORKER_ENV = {
  id: 'RL_WORKER_ID',
  databaseUri: 'RL_DATABASE_URI',
} as const;

const READY = 'rl:worker-ready';

/** A worker tells the primary it listens (through the primary's shared handle) on `port`. */
export const readyMessage = (port: number) => ({ type: READY, port }) as const;

/** The port of a worker's ready message; undefined for any other message. */
export function readyPort(message: unknown): number | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type, port } = message as { type?: unknown; port?: unknown };
  return type === READY && typeof port === 'number' ? port : undefined;
}

/** The worker setup from this process's environment. */
export function workerSetupFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerSetup {
  const id = Number(env[WORKER_ENV.id]);
  if (!Number.isInteger(id) || id < 1)
    throw new Error(`${WORKER_ENV.id} is not set: start workers through the primary`);
  const databaseUri = env[WORKER_ENV.databaseUri] || undefined;
  const search = searchHostFromEnv(env);
  return { id, ...(databaseUri ? { databaseUri } : {}), ...(search ? { search } : {}) };
}
