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

/** A worker tells the primary it can take connections. */
export const READY_MESSAGE = { type: 'rl:worker-ready' } as const;

export const isReadyMessage = (message: unknown): boolean =>
  typeof message === 'object' &&
  message !== null &&
  (message as { type?: unknown }).type === READY_MESSAGE.type;

/** The worker setup from this process's environment. */
export function workerSetupFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerSetup {
  const id = Number(env[WORKER_ENV.id]);
  if (!Number.isInteger(id) || id < 1)
    throw new Error(`${WORKER_ENV.id} is not set: start workers through the primary`);
  const databaseUri = env[WORKER_ENV.databaseUri] || undefined;
  const search = searchHostFromEnv(env);
  return { id, ...(databaseUri ? { databaseUri } : {}), ...(search ? { search } : {}) };
}
