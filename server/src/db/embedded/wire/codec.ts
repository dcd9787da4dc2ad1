import { deserialize, serialize, type Document } from 'bson';
import { bsonOptions, isStored, type Candidate } from '../storage/bsonBytes.js';
import { isPlainObject } from '../storage/keys.js';

/** Wire protocol opcodes the engine understands. */
export const OpCode = { REPLY: 1, QUERY: 2004, COMPRESSED: 2012, MSG: 2013 } as const;

/** OP_MSG flag bits. */
export const MsgFlags = { checksumPresent: 1 << 0, moreToCome: 1 << 1, exhaustAllowed: 1 << 16 } as const;

export const HEADER_SIZE = 16;
export const MAX_MESSAGE_SIZE = 48_000_000;

export interface MessageHeader {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

/** A decoded request: the command document plus how to answer it. */
export interface Request {
  header: MessageHeader;
  kind: 'msg' | 'query';
  command: Document;
  /** Database named by the request ($db for OP_MSG, the namespace prefix for OP_QUERY). */
  db: string;
  /** The client asked for no reply (unacknowledged write). */
  moreToCome: boolean;
}

export function readHeader(buf: Buffer, offset = 0): MessageHeader {
  return {
    length: buf.readInt32LE(offset),
    requestId: buf.readInt32LE(offset + 4),
    responseTo: buf.readInt32LE(offset + 8),
    opCode: buf.readInt32LE(offset + 12),
  };
}

function readCString(buf: Buffer, offset: number): [string, number] {
  const end = buf.indexOf(0, offset);
  if (end < 0) throw new Error('unterminated cstring in message');
  return [buf.toString('utf8', offset, end), end + 1];
}

function readDocument(buf: Buffer, offset: number): [Document, number] {
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > buf.length) throw new Error('BSON document overruns the message');
  return [deserialize(buf.subarray(offset, offset + size), bsonOptions), offset + size];
}

/** Decodes one complete message (header included) into a request. */
export function decodeRequest(message: Buffer): Request {
  const header = readHeader(message);
  if (header.opCode === OpCode.MSG) return decodeMsg(header, message);
  if (header.opCode === OpCode.QUERY) return decodeQuery(header, message);
  if (header.opCode === OpCode.COMPRESSED)
    throw new Error('OP_COMPRESSED is not supported (no compressors offered)');
  throw new Error(`unsupported opCode ${header.opCode}`);
}

function decodeMsg(header: MessageHeader, message: Buffer): Request {
  const flags = message.readUInt32LE(HEADER_SIZE);
  const end = flags & MsgFlags.checksumPresent ? message.length - 4 : message.length;
  let offset = HEADER_SIZE + 4;
  let body: Document | undefined;
  const sequences: Array<[string, Document[]]> = [];
  while (offset < end) {
    const kind = message[offset];
    offset += 1;
    if (kind === 0) {
      [body, offset] = readDocument(message, offset);
    } else if (kind === 1) {
      const size = message.readInt32LE(offset);
      const sectionEnd = offset + size;
      let identifier: string;
      [identifier, offset] = readCString(message, offset + 4);
      const docs: Document[] = [];
      while (offset < sectionEnd) {
        let doc: Document;
        [doc, offset] = readDocument(message, offset);
        docs.push(doc);
      }
      sequences.push([identifier, docs]);
    } else {
      throw new Error(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new Error('OP_MSG without a body section');
  for (const [identifier, docs] of sequences) body[identifier] = docs;
  return {
    header,
    kind: 'msg',
    command: body,
    db: typeof body.$db === 'string' ? body.$db : 'admin',
    moreToCome: (flags & MsgFlags.moreToCome) !== 0,
  };
}

function decodeQuery(header: MessageHeader, message: Buffer): Request {
  const [collection, afterName] = readCString(message, HEADER_SIZE + 4); // after flags
  const [query] = readDocument(message, afterName + 8); // after numberToSkip, numberToReturn
  // Legacy commands may wrap the command as { $query: {...}, $readPreference: ... }.
  const command = query.$query && typeof query.$query === 'object' ? (query.$query as Document) : query;
  const db = collection.split('.')[0] ?? 'admin';
  return { header, kind: 'query', command, db, moreToCome: false };
}

let nextRequestId = 1;

function header(length: number, responseTo: number, opCode: number): Buffer {
  const buf = Buffer.allocUnsafe(HEADER_SIZE);
  buf.writeInt32LE(length, 0);
  buf.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  buf.writeInt32LE(responseTo, 8);
  buf.writeInt32LE(opCode, 12);
  return buf;
}

/** One BSON element: type byte, name, value bytes. */
function element(type: number, name: string, value: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([type]), Buffer.from(`${name}\0`, 'utf8'), value]);
}

/** A document from its elements' bytes. */
function wrapElements(elements: Uint8Array[]): Buffer {
  const size = 5 + elements.reduce((n, e) => n + e.length, 0);
  const head = Buffer.allocUnsafe(4);
  head.writeInt32LE(size, 0);
  return Buffer.concat([head, ...elements, Buffer.from([0])]);
}

/** A document's elements as bson writes them, except those `special` encodes itself. */
function encodeFields(doc: Document, special: (key: string, value: unknown) => Buffer | undefined): Buffer {
  const elements: Uint8Array[] = [];
  for (const [key, value] of Object.entries(doc)) {
    if (value === undefined) continue; // bson's default: undefined values are left out
    elements.push(special(key, value) ?? serialize({ [key]: value }).subarray(4, -1));
  }
  return wrapElements(elements);
}

function isBatch(key: string, value: unknown): value is Candidate[] {
  return (key === 'firstBatch' || key === 'nextBatch') && Array.isArray(value);
}

/**
 * A reply's BSON. A cursor's batch may hold stored documents as their bytes: they are written into the reply as
 * they are (no decoding and encoding again), the rest as bson serializes it, so the bytes are those a serialization
 * of the decoded documents gives.
 */
export function encodeReply(reply: Document): Buffer {
  const cursor = reply.cursor as unknown;
  const batch = isPlainObject(cursor) ? (cursor.firstBatch ?? cursor.nextBatch) : undefined;
  if (!Array.isArray(batch) || !batch.some((d) => d instanceof Uint8Array)) return serialize(reply) as Buffer;
  const array = (docs: Candidate[]) =>
    wrapElements(docs.map((doc, i) => element(0x03, String(i), isStored(doc) ? doc : serialize(doc))));
  return encodeFields(reply, (key, value) =>
    key === 'cursor' && isPlainObject(value)
      ? element(0x03, key, encodeFields(value, (k, v) => (isBatch(k, v) ? element(0x04, k, array(v)) : undefined)))
      : undefined,
  );
}

/** Encodes a reply to an OP_MSG request: one kind-0 section. */
export function encodeMsgReply(responseTo: number, reply: Document): Buffer {
  const body = encodeReply(reply);
  const prefix = Buffer.allocUnsafe(5);
  prefix.writeUInt32LE(0, 0);
  prefix[4] = 0;
  return Buffer.concat([header(HEADER_SIZE + 5 + body.length, responseTo, OpCode.MSG), prefix, body]);
}

/** Encodes an OP_REPLY carrying one document (the answer to a legacy OP_QUERY command). */
export function encodeLegacyReply(responseTo: number, reply: Document): Buffer {
  const body = encodeReply(reply);
  const fields = Buffer.alloc(20); // responseFlags, cursorID (int64), startingFrom, numberReturned
  fields.writeInt32LE(1, 16);
  return Buffer.concat([header(HEADER_SIZE + 20 + body.length, responseTo, OpCode.REPLY), fields, body]);
}
