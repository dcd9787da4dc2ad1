import { Binary, type Document } from 'bson';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine.js';

const engine = new Engine();
afterAll(() => engine.close());

const MB = 1024 * 1024;
const run = (cmd: Document) => engine.execute('limits', cmd, 1);
const lsid = { id: new Binary(Buffer.alloc(16, 7), 4) };

/** An update statement growing document 1 by `size` bytes of string. */
const grow = (field: string, size: number, txn?: Document) =>
  run({ update: 'docs', updates: [{ q: { _id: 1 }, u: { $set: { [field]: 'y'.repeat(size) } } }], ...txn });

describe('the 16 MB document limit', () => {
  it('refuses a write past it, by the size of the bytes it would store, outside and inside a transaction', async () => {
    expect(await run({ insert: 'docs', documents: [{ _id: 1, a: 'x'.repeat(8 * MB) }] })).toMatchObject({
      n: 1,
    });
    // Just past 16 MB (what the encoder's buffer holds), and far past it (what it does not): the same refusal.
    for (const size of [8.5 * MB, 10 * MB]) {
      const reply = await grow('b', size);
      expect(reply.writeErrors).toEqual([
        expect.objectContaining({
          code: 10334,
          errmsg: expect.stringMatching(/^BSONObj size: \d+ is invalid/),
        }),
      ]);
    }
    const txn = { lsid, txnNumber: 1, autocommit: false, startTransaction: true };
    const inTransaction = await grow('b', 8.5 * MB, txn);
    expect(inTransaction.writeErrors?.[0]?.code ?? inTransaction.code).toBe(10334);
    // Nothing was stored: the document is as inserted, and a write within the limit goes through.
    const found = await run({ find: 'docs', filter: { _id: 1 }, projection: { b: 1 } });
    expect(found.cursor.firstBatch).toEqual([{ _id: 1 }]);
    expect(await grow('b', 7 * MB)).toMatchObject({ n: 1, nModified: 1 });
  });
});
