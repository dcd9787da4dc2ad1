import { Long, ObjectId, serialize, type Document } from 'bson';
import { describe, expect, it } from 'vitest';
import { decodeDocument, encodeDocument } from '../storage/bsonBytes.js';
import { HEADER_SIZE, OpCode, encodeLegacyReply, encodeMsgReply, readHeader } from './codec.js';

/** A reply's message as the header, the section prefix and bson's serialization of the decoded reply give it. */
function expectedMsg(responseTo: number, reply: Document): Buffer {
  const body = serialize(reply);
  const out = Buffer.alloc(HEADER_SIZE + 5 + body.length);
  out.writeInt32LE(out.length, 0);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(OpCode.MSG, 12);
  out.set(body, HEADER_SIZE + 5);
  return out;
}

/** A message with its request id (4 bytes at offset 4, a counter) zeroed, to compare the rest. */
function withoutRequestId(message: Buffer): Buffer {
  const copy = Buffer.from(message);
  copy.writeInt32LE(0, 4);
  return copy;
}

const things = (n: number): Document[] =>
  Array.from({ length: n }, (_, i) => ({
    _id: new ObjectId(),
    title: `社区服务 ${i}`,
    n: i,
    tags: ['a', { b: i }],
    at: new Date(1_700_000_000_000 + i),
    gone: undefined,
  }));

describe('reply encoding', () => {
  it('writes a cursor batch of stored and decoded documents as one message equal to bson serializing it', () => {
    for (const n of [0, 1, 9, 10, 11, 101, 150]) {
      const stored = things(n).map(encodeDocument);
      const decoded = stored.map(decodeDocument);
      const mixed = stored.map((bytes, i) => (i % 3 === 0 ? decoded[i]! : bytes));
      for (const key of ['firstBatch', 'nextBatch']) {
        const reply = (batch: unknown[]) => ({
          cursor: { [key]: batch, id: Long.fromNumber(n), ns: 'app.x' },
          ok: 1,
        });
        const message = encodeMsgReply(42, reply(mixed));
        expect(readHeader(message)).toMatchObject({
          length: message.length,
          responseTo: 42,
          opCode: OpCode.MSG,
        });
        expect(withoutRequestId(message)).toEqual(expectedMsg(42, reply(decoded)));
      }
    }
  });

  it('writes replies without stored documents, and legacy replies, as bson serializes them', () => {
    const plain = { n: 3, ok: 1, writeErrors: [{ index: 0, code: 11000, errmsg: '重复' }] };
    expect(withoutRequestId(encodeMsgReply(7, plain))).toEqual(expectedMsg(7, plain));
    const hello = { ismaster: true, maxWireVersion: 21, hosts: ['127.0.0.1:1'], ok: 1 };
    const legacy = encodeLegacyReply(9, hello);
    const body = serialize(hello);
    expect(readHeader(legacy)).toMatchObject({ length: legacy.length, responseTo: 9, opCode: OpCode.REPLY });
    expect(legacy.readInt32LE(HEADER_SIZE)).toBe(0); // responseFlags
    expect(legacy.readBigInt64LE(HEADER_SIZE + 4)).toBe(0n); // cursorID
    expect(legacy.readInt32LE(HEADER_SIZE + 12)).toBe(0); // startingFrom
    expect(legacy.readInt32LE(HEADER_SIZE + 16)).toBe(1); // numberReturned
    expect(legacy.subarray(HEADER_SIZE + 20)).toEqual(Buffer.from(body));
  });
});
