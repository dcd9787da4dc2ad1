import mongoose from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../test/db.js';
import { DomainEvents } from './events.js';
import {
  CLAIM_MS,
  EventOutboxModel,
  forgetDelivered,
  MAX_ATTEMPTS,
  OutboxRelay,
  writeWithEvents,
} from './outbox.js';

declare module './events.js' {
  interface DomainEventMap {
    'outbox.tested': { n: number };
  }
}

let db: TestDatabase;
beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(async () => {
  await db.stop();
});
beforeEach(async () => {
  await db.clear();
});

const lapse = () => EventOutboxModel.updateMany({}, { $set: { claimedUntil: new Date(0) } });

describe('the domain-event outbox', () => {
  it('delivers a committed write’s event once and then forgets it', async () => {
    const events = new DomainEvents(() => {});
    const seen: number[] = [];
    events.on('outbox.tested', ({ n }) => void seen.push(n), { awaitedByWriter: true });
    const result = await writeWithEvents(events, async (_session, record) => {
      await record('outbox.tested', { n: 1 });
      return 'written';
    });
    expect(result).toBe('written');
    expect(seen).toEqual([1]);
    await events.settle();
    expect(await EventOutboxModel.countDocuments()).toBe(0);
  });

  it('records the events of one write together and delivers them in the order recorded', async () => {
    const events = new DomainEvents(() => {});
    const seen: number[] = [];
    events.on('outbox.tested', ({ n }) => void seen.push(n), { awaitedByWriter: true });
    let storedDuringWrite = -1;
    await writeWithEvents(events, async (session, record) => {
      for (const n of [11, 12, 13]) await record('outbox.tested', { n });
      // Written once the write's own work is done, still inside its transaction.
      storedDuringWrite = await EventOutboxModel.countDocuments().session(session);
    });
    expect(storedDuringWrite).toBe(0);
    expect(seen).toEqual([11, 12, 13]);
    await events.settle();
    expect(await EventOutboxModel.countDocuments()).toBe(0);
  });

  it('stores each entry whole, claimed by its writer, in the order recorded', async () => {
    const events = new DomainEvents(() => {});
    // A subscriber that fails keeps the entries, as stored, until the relay's turn.
    events.on('outbox.tested', () => {
      throw new Error('not now');
    });
    const before = Date.now();
    await writeWithEvents(events, async (_session, record) => {
      for (const n of [21, 22]) await record('outbox.tested', { n });
    });
    await events.settle();
    const stored = await EventOutboxModel.find().sort({ _id: 1 }).lean();
    expect(stored.map(({ event, payload, attempts }) => ({ event, payload, attempts }))).toEqual([
      { event: 'outbox.tested', payload: { n: 21 }, attempts: 1 },
      { event: 'outbox.tested', payload: { n: 22 }, attempts: 1 },
    ]);
    for (const entry of stored) {
      expect(entry.createdAt.getTime()).toBeGreaterThanOrEqual(before);
      expect(entry.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
      expect(entry.claimedUntil.getTime()).toBe(entry.createdAt.getTime() + CLAIM_MS);
      expect(Object.keys(entry).sort()).toEqual(
        ['_id', 'attempts', 'claimedUntil', 'createdAt', 'event', 'payload'].sort(),
      );
    }
  });

  it('records nothing when the write fails', async () => {
    const events = new DomainEvents(() => {});
    const seen: number[] = [];
    events.on('outbox.tested', ({ n }) => void seen.push(n));
    await expect(
      writeWithEvents(events, async (_session, record) => {
        await record('outbox.tested', { n: 2 });
        throw new Error('the write was refused');
      }),
    ).rejects.toThrow('refused');
    await events.settle();
    expect(seen).toEqual([]);
    expect(await EventOutboxModel.countDocuments()).toBe(0);
  });

  it('keeps an event a subscriber failed on, and the relay delivers it again once the claim lapses', async () => {
    const failures: string[] = [];
    const events = new DomainEvents((err) => failures.push((err as Error).message));
    let up = false;
    const applied: number[] = [];
    events.on('outbox.tested', ({ n }) => {
      if (!up) throw new Error('index unavailable');
      applied.push(n);
    });
    await writeWithEvents(events, async (_session, record) => record('outbox.tested', { n: 3 }));
    await events.settle();
    expect(failures).toEqual(['index unavailable']);
    expect(await EventOutboxModel.countDocuments()).toBe(1);

    const relay = new OutboxRelay(events, pino({ level: 'silent' }));
    // Still claimed by its writer: the relay leaves it alone.
    await relay.kick();
    expect(applied).toEqual([]);
    up = true;
    await lapse();
    await relay.kick();
    await events.settle();
    expect(applied).toEqual([3]);
    expect(await EventOutboxModel.countDocuments()).toBe(0);
  });

  it('gives up an event that failed too often, so that one broken subscriber cannot loop for ever', async () => {
    const events = new DomainEvents(() => {});
    let calls = 0;
    events.on('outbox.tested', () => {
      calls++;
      throw new Error('always');
    });
    await EventOutboxModel.create({ event: 'outbox.tested', payload: { n: 4 }, attempts: MAX_ATTEMPTS - 1 });
    const relay = new OutboxRelay(events, pino({ level: 'silent' }));
    await relay.kick();
    await events.settle();
    expect(calls).toBe(1);
    await lapse();
    await relay.kick();
    expect(calls).toBe(1);
    expect(await EventOutboxModel.countDocuments()).toBe(0);
  });

  it('deletes the entries delivered while a delete is on its way in one round trip, the first at once', async () => {
    const entries = await EventOutboxModel.insertMany(
      Array.from({ length: 10 }, (_, n) => ({ event: 'outbox.tested', payload: { n } })),
    );
    const deletes: unknown[] = [];
    mongoose.set('debug', (collection: string, method: string, filter: unknown) => {
      if (collection === EventOutboxModel.collection.name && method.startsWith('delete'))
        deletes.push(filter);
    });
    try {
      await Promise.all(entries.map((e) => forgetDelivered(e._id)));
    } finally {
      mongoose.set('debug', false);
    }
    // The first alone, the nine delivered while it was on its way together.
    expect(deletes).toHaveLength(2);
    expect(await EventOutboxModel.countDocuments()).toBe(0);
    // And a later one is deleted too (the deleter is not left waiting).
    const [late] = await EventOutboxModel.insertMany([{ event: 'outbox.tested', payload: { n: 10 } }]);
    await forgetDelivered(late!._id);
    expect(await EventOutboxModel.countDocuments()).toBe(0);
  });
});
