import { Binary, Long, type Document } from 'bson';
import { describe, expect, it } from 'vitest';
import { Engine } from './engine.js';

/** A session's transaction on a bare engine (no network): an insert that starts it, then its commit. */
function transaction(engine: Engine, sessionByte: number) {
  const lsid = { id: new Binary(Buffer.alloc(16, sessionByte), Binary.SUBTYPE_UUID) };
  const txn = { lsid, txnNumber: Long.fromNumber(1), autocommit: false };
  return {
    start: (doc: Document) =>
      engine.execute('t', { insert: 'c', documents: [doc], ...txn, startTransaction: true }, 1),
    commit: (connection: number) => engine.execute('admin', { commitTransaction: 1, ...txn }, connection),
  };
}

describe('a retried commitTransaction', () => {
  it('answers once the first commit is in the journal, not before', async () => {
    const engine = new Engine();
    let journal!: () => void;
    const journaled = new Promise<void>((resolve) => (journal = resolve));
    engine.persist = () => journaled;
    const t = transaction(engine, 1);
    expect(await t.start({ _id: 1 })).toMatchObject({ ok: 1 });

    const answered: string[] = [];
    const first = t.commit(1).then((reply) => (answered.push('first'), reply));
    // The driver retries on a new connection when the first one's answer is lost.
    const retry = t.commit(2).then((reply) => (answered.push('retry'), reply));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(answered).toEqual([]);

    journal();
    expect(await first).toMatchObject({ ok: 1 });
    expect(await retry).toMatchObject({ ok: 1 });
    expect(await t.commit(3)).toMatchObject({ ok: 1 });
  });

  it("answers with the first commit's error when its journal write failed", async () => {
    const engine = new Engine();
    engine.persist = () => Promise.reject(new Error('disk full'));
    const t = transaction(engine, 2);
    expect(await t.start({ _id: 2 })).toMatchObject({ ok: 1 });
    const first = await t.commit(1);
    expect(first.ok).toBe(0);
    expect(await t.commit(2)).toMatchObject({ ok: 0, errmsg: first.errmsg });
  });
});
