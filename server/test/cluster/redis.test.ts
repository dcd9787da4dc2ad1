import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RunningRedis } from './redisServer.js';

// The Socket.IO Redis adapter needs two things from Redis: commands and pub/sub between connections.
describe('a real redis-server', () => {
  let redis: RunningRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('answers PING through the redis client', async () => {
    const client = await createClient({ url: redis.url }).connect();
    try {
      expect(await client.ping()).toBe('PONG');
      await client.set('resourcelink:probe', '资源链');
      expect(await client.get('resourcelink:probe')).toBe('资源链');
    } finally {
      client.destroy();
    }
  });

  it('delivers a published message to a subscriber on another connection', async () => {
    const publisher = await createClient({ url: redis.url }).connect();
    const subscriber = publisher.duplicate();
    await subscriber.connect();
    try {
      let deliver: (message: string) => void = () => {};
      const received = new Promise<string>((resolve) => (deliver = resolve));
      await subscriber.subscribe('room:demo', (message) => deliver(message));
      expect(await publisher.publish('room:demo', 'hello')).toBe(1);
      expect(await received).toBe('hello');
    } finally {
      subscriber.destroy();
      publisher.destroy();
    }
  });

  it('is gone once stopped', async () => {
    const other = await startRedis();
    await other.stop();
    expect(other.process.exitCode !== null || other.process.signalCode !== null).toBe(true);
    const client = createClient({
      url: other.url,
      socket: { reconnectStrategy: false, connectTimeout: 2000 },
    });
    client.on('error', () => {});
    await expect(client.connect()).rejects.toThrow();
  });
});
