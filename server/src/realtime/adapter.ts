import { createAdapter as clusterAdapter } from '@socket.io/cluster-adapter';
import type { createAdapter } from '@socket.io/redis-adapter';
import type { Logger } from 'pino';

export interface AdapterChoice {
  kind: 'memory' | 'redis' | 'cluster';
  /** The Socket.IO adapter constructor, when not the built-in in-memory one. */
  adapter?: ReturnType<typeof createAdapter> | ReturnType<typeof clusterAdapter>;
  close(): Promise<void>;
}

/**
 * In memory for one process; with REDIS_URL, the Redis adapter, which fans emits, room changes, fetchSockets
 * and disconnectSockets out to every server process; in a worker of `WORKERS=n` without Redis, the cluster
 * adapter, which does the same across the workers of this machine through the primary (cluster/primary.ts).
 */
export async function chooseAdapter(
  redisUrl: string | undefined,
  logger: Logger,
  options: { cluster?: boolean } = {},
): Promise<AdapterChoice> {
  if (!redisUrl && options.cluster)
    return { kind: 'cluster', adapter: clusterAdapter(), close: async () => {} };
  if (!redisUrl) return { kind: 'memory', close: async () => {} };
  // Imported only with REDIS_URL: the redis client was a third of a second of every start's CPU without it.
  const [{ createClient }, { createAdapter }] = await Promise.all([
    import('redis'),
    import('@socket.io/redis-adapter'),
  ]);
  const pub = createClient({ url: redisUrl });
  const sub = pub.duplicate();
  // The clients reconnect by themselves; log instead of crashing on a dropped connection.
  pub.on('error', (err) => logger.warn({ err }, 'redis (publish) connection error'));
  sub.on('error', (err) => logger.warn({ err }, 'redis (subscribe) connection error'));
  await Promise.all([pub.connect(), sub.connect()]);
  logger.info('realtime fan-out through redis');
  return {
    kind: 'redis',
    adapter: createAdapter(pub, sub, { requestsTimeout: 3000 }),
    async close() {
      // Lets commands in flight finish (a destroyed client rejects them, unhandled).
      await Promise.allSettled([pub.close(), sub.close()]);
    },
  };
}
