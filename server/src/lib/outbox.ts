import mongoose, { Schema, Types, trusted, type ClientSession } from 'mongoose';
import type { Logger } from 'pino';
import { waitAtMost, type DomainEventMap, type DomainEvents } from './events.js';

/**
 * The domain-event outbox. A write whose side effects must not be lost (a listing or a match changed) records its
 * event here inside its own transaction: the event exists exactly when the change does. After the commit the
 * writer delivers it to the subscribers (`deliverRecorded`); an entry is deleted once every subscriber has
 * applied it. An entry whose delivery failed or whose writer crashed is delivered again by the relay once its
 * claim lapses, so subscribers see an event at least once and must tolerate seeing it twice.
 */
const outboxSchema = new Schema(
  {
    event: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, default: () => new Date() },
    /** A delivery's claim; an entry whose claim has lapsed is delivered again. */
    claimedUntil: { type: Date, default: () => new Date(0) },
    attempts: { type: Number, default: 0 },
  },
  { versionKey: false, strict: 'throw', minimize: false },
);
outboxSchema.index({ claimedUntil: 1 });

export const EventOutboxModel = mongoose.model('EventOutbox', outboxSchema);

/** How long a delivery may take before another one is tried. */
export const CLAIM_MS = 30_000;
/** Deliveries tried before an entry is given up (and logged): a subscriber that always fails must not loop. */
export const MAX_ATTEMPTS = 10;

type EventName = keyof DomainEventMap;

export interface RecordedEvent<K extends EventName = EventName> {
  id: Types.ObjectId;
  event: K;
  payload: DomainEventMap[K];
}

/** An event with its payload, as a writer records it. */
export type EventRecord = { [K in EventName]: { event: K; payload: DomainEventMap[K] } }[EventName];

/**
 * Records events in the transaction of the change they tell of, in one round trip, in order. The writer holds
 * the claim: it delivers them right after the commit; if it dies first, the claim lapses and the relay does.
 */
export async function recordEvents(
  events: readonly EventRecord[],
  session: ClientSession,
): Promise<RecordedEvent[]> {
  if (!events.length) return [];
  const createdAt = new Date();
  const claimedUntil = new Date(createdAt.getTime() + CLAIM_MS);
  // Whole entries as stored, built here from our own values: nothing for mongoose to cast, default or validate
  // (`lean`), so no document is made for each.
  const entries = events.map(({ event, payload }) => ({
    _id: new Types.ObjectId(),
    event,
    payload,
    createdAt,
    claimedUntil,
    attempts: 1,
  }));
  await EventOutboxModel.insertMany(entries, { session, lean: true });
  return entries.map(({ _id, event, payload }) => ({ id: _id, event, payload }));
}

/**
 * Deletes delivered entries, one delete at a time: each takes every entry delivered while the one before it was on
 * its way (a group commit). An idle server deletes an entry at once, alone, as before; a busy one, or the relay
 * delivering a batch, deletes many in one round trip (and one journal write) instead of one each.
 */
class DeliveredEntries {
  private waiting: { id: Types.ObjectId; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private deleting = false;

  /** Resolves once the entry is deleted. */
  remove(id: Types.ObjectId): Promise<void> {
    const removed = new Promise<void>((resolve, reject) => this.waiting.push({ id, resolve, reject }));
    if (!this.deleting) void this.drain();
    return removed;
  }

  private async drain(): Promise<void> {
    this.deleting = true;
    while (this.waiting.length) {
      const batch = this.waiting.splice(0);
      try {
        // Straight to the driver: the ids are ObjectIds already, there is nothing for a mongoose query to cast.
        await EventOutboxModel.collection.deleteMany({ _id: { $in: batch.map((e) => e.id) } });
        for (const e of batch) e.resolve();
      } catch (err) {
        for (const e of batch) e.reject(err);
      }
    }
    // Cleared in the same step that found nothing waiting: an entry added later starts the next drain.
    this.deleting = false;
  }
}

const delivered = new DeliveredEntries();

/** Deletes a delivered entry, together with the others delivered meanwhile; resolves once it is gone. */
export const forgetDelivered = (id: Types.ObjectId): Promise<void> => delivered.remove(id);

/** Delivers one entry; resolves true once every subscriber has applied it and the entry is gone. */
function deliver(
  events: DomainEvents,
  entry: RecordedEvent,
): { awaited: Promise<unknown>[]; done: Promise<boolean> } {
  const { awaited, succeeded } = events.dispatch(entry.event, entry.payload as never);
  const done = succeeded.then(async (ok) => {
    if (ok) await forgetDelivered(entry.id);
    return ok;
  });
  events.track(done);
  return { awaited, done };
}

/**
 * Delivers events recorded by a committed write and answers once the subscribers the writer waits for
 * (`awaitedByWriter`: the search index) have applied them, or after `atMostMs`, whichever is first: the poster
 * reads their own write. The other subscribers and the entry's deletion go on in the background.
 */
export async function deliverRecorded(
  events: DomainEvents,
  recorded: readonly RecordedEvent[],
  atMostMs = 2000,
): Promise<void> {
  await waitAtMost(
    recorded.flatMap((entry) => deliver(events, entry).awaited),
    atMostMs,
  );
}

/** Records an event inside the running transaction (written with the others of `fn` when it returns). */
export type RecordEvent = <K extends EventName>(event: K, payload: DomainEventMap[K]) => Promise<void>;

/**
 * The usual shape of a write: `fn` changes the database and records its event(s) in one transaction (all of them
 * in one round trip once `fn` has returned); once it has committed the events are delivered (`deliverRecorded`).
 * Returns what `fn` returned.
 */
export async function writeWithEvents<T>(
  events: DomainEvents,
  fn: (session: ClientSession, record: RecordEvent) => Promise<T>,
): Promise<T> {
  let recorded: RecordedEvent[] = [];
  const result = await mongoose.connection.transaction(async (session) => {
    // A retried transaction starts again with nothing recorded.
    const pending: EventRecord[] = [];
    const out = await fn(session, async (event, payload) => {
      pending.push({ event, payload } as EventRecord);
    });
    recorded = await recordEvents(pending, session);
    return out;
  });
  await deliverRecorded(events, recorded);
  return result;
}

/**
 * Delivers what writers left behind: entries whose claim lapsed (a writer crashed, a subscriber failed). Polls,
 * and is kicked once at boot so that a restart replays at once what has lapsed.
 */
export class OutboxRelay {
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly events: DomainEvents,
    private readonly logger: Logger,
    private readonly batch = 200,
  ) {}

  /** Delivers every lapsed entry now; calls while a run is going join it. */
  kick(): Promise<void> {
    this.running ??= (async () => {
      try {
        while ((await this.deliverBatch()) === this.batch);
      } catch (err) {
        this.logger.error({ err }, 'outbox delivery failed; the entries stay for the next run');
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  start(pollMs = 1000): void {
    this.timer = setInterval(() => void this.kick(), pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Claims a batch of lapsed entries, delivers them together and waits until each is applied or failed. */
  private async deliverBatch(): Promise<number> {
    const entries = await claimLapsed(this.batch);
    const given = entries.filter((e) => e.attempts > MAX_ATTEMPTS);
    if (given.length) {
      this.logger.error(
        { entries: given.map((e) => ({ id: String(e._id), event: e.event, payload: e.payload })) },
        'outbox entries failed too often; giving them up',
      );
      await EventOutboxModel.deleteMany({ _id: trusted({ $in: given.map((e) => e._id) }) });
    }
    const due = entries.filter((e) => e.attempts <= MAX_ATTEMPTS);
    await Promise.all(
      due.map((e) => deliver(this.events, { id: e._id, event: e.event, payload: e.payload }).done),
    );
    return entries.length;
  }
}

interface StoredEntry {
  _id: Types.ObjectId;
  event: EventName;
  payload: DomainEventMap[EventName];
  attempts: number;
}

/** Claims up to `limit` entries whose claim has lapsed; two processes never hold one entry. */
async function claimLapsed(limit: number): Promise<StoredEntry[]> {
  const now = new Date();
  const candidates = await EventOutboxModel.find({ claimedUntil: trusted({ $lte: now }) })
    .sort({ _id: 1 })
    .limit(limit)
    .select({ _id: 1 })
    .lean<{ _id: Types.ObjectId }[]>();
  if (!candidates.length) return [];
  const until = new Date(now.getTime() + CLAIM_MS);
  const ids = candidates.map((c) => c._id);
  await EventOutboxModel.updateMany(
    { _id: trusted({ $in: ids }), claimedUntil: trusted({ $lte: now }) },
    { $set: { claimedUntil: until }, $inc: { attempts: 1 } },
  );
  return EventOutboxModel.find({ _id: trusted({ $in: ids }), claimedUntil: until })
    .sort({ _id: 1 })
    .lean<StoredEntry[]>();
}

export const pendingOutboxCount = () => EventOutboxModel.countDocuments();

/** A change waiting longer than this makes the outbox count as lagging. */
export const OUTBOX_LAG_SECONDS = 60;

/** How far the subscribers trail the writes: entries waiting, and how long the oldest has waited. */
export async function outboxLag(): Promise<{
  queued: number;
  oldestQueuedSeconds: number | null;
  lagging: boolean;
}> {
  // The oldest first: when nothing waits (the usual answer) there is nothing to count, one round trip fewer.
  const oldest = await EventOutboxModel.findOne()
    .sort({ _id: 1 })
    .select({ createdAt: 1 })
    .lean<{ createdAt: Date }>();
  const queued = oldest ? await pendingOutboxCount() : 0;
  const oldestQueuedSeconds = oldest
    ? Math.max(0, Math.round((Date.now() - oldest.createdAt.getTime()) / 1000))
    : null;
  return { queued, oldestQueuedSeconds, lagging: (oldestQueuedSeconds ?? 0) > OUTBOX_LAG_SECONDS };
}
