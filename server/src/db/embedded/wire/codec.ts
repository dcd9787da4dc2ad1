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

function writeHeader(out: Buffer, responseTo: number, opCode: number): void {
  out.writeInt32LE(out.length, 0);
  out.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(opCode, 12);
}

/**
 * A document to write: its elements' bytes as they are (`Uint8Array`), nested documents, and arrays of documents
 * already encoded (a cursor's batch). Its size is known before anything is written, so a reply is written once
 * into one buffer.
 */
interface Composite {
  kind: 'document';
  parts: Array<Uint8Array | Composite | Batch>;
  size: number;
}
/** An array of encoded documents: each written as an element named by its position. */
interface Batch {
  kind: 'batch';
  docs: Uint8Array[];
  size: number;
}

function composite(parts: Array<Uint8Array | Composite | Batch>): Composite {
  let size = 5;
  for (const part of parts) size += part instanceof Uint8Array ? part.length : part.size;
  return { kind: 'document', parts, size };
}

function batchOf(docs: Candidate[]): Batch {
  const encoded = docs.map((doc) => (isStored(doc) ? doc : serialize(doc)));
  let size = 5;
  for (let i = 0; i < encoded.length; i++) size += 2 + decimalLength(i) + encoded[i]!.length;
  return { kind: 'batch', docs: encoded, size };
}

function decimalLength(i: number): number {
  return i < 10 ? 1 : i < 100 ? 2 : String(i).length;
}

/** An element's type byte and name. */
function elementHead(type: number, name: string): Buffer {
  const head = Buffer.allocUnsafe(2 + Buffer.byteLength(name, 'utf8'));
  head[0] = type;
  head.write(name, 1, 'utf8');
  head[head.length - 1] = 0;
  return head;
}

/** One element (type, name, value) as bson writes it. */
function plainElement(key: string, value: unknown): Uint8Array {
  return serialize({ [key]: value }).subarray(4, -1);
}

function writeDocument(out: Buffer, at: number, doc: Composite | Batch): number {
  out.writeInt32LE(doc.size, at);
  at += 4;
  if (doc.kind === 'batch') {
    for (let i = 0; i < doc.docs.length; i++) {
      out[at++] = 0x03;
      at += out.write(String(i), at, 'latin1');
      out[at++] = 0;
      const bytes = doc.docs[i]!;
      out.set(bytes, at);
      at += bytes.length;
    }
  } else {
    for (const part of doc.parts) {
      if (part instanceof Uint8Array) {
        out.set(part, at);
        at += part.length;
      } else at = writeDocument(out, at, part);
    }
  }
  out[at++] = 0;
  return at;
}

function isBatch(key: string, value: unknown): value is Candidate[] {
  return (key === 'firstBatch' || key === 'nextBatch') && Array.isArray(value);
}

/** A document's elements as bson writes them, except those `special` gives as parts itself. */
function elementsOf(
  doc: Document,
  special: (key: string, value: unknown) => Array<Uint8Array | Composite | Batch> | undefined,
): Composite {
  const parts: Array<Uint8Array | Composite | Batch> = [];
  for (const key of Object.keys(doc)) {
    const value = doc[key];
    if (value === undefined) continue; // bson's default: undefined values are left out
    const own = special(key, value);
    if (own) parts.push(...own);
    else parts.push(plainElement(key, value));
  }
  return composite(parts);
}

/**
 * A reply written after `offset` bytes left for the message's header. A cursor's batch may hold stored documents
 * as their bytes: they are copied into the reply as they are (no decoding and encoding again), the rest as bson
 * serializes it, so the bytes are those a serialization of the decoded documents gives.
 */
function replyAt(reply: Document, offset: number): Buffer {
  const cursor = reply.cursor as unknown;
  const batch = isPlainObject(cursor) ? (cursor.firstBatch ?? cursor.nextBatch) : undefined;
  if (!Array.isArray(batch) || !batch.some((d) => d instanceof Uint8Array)) {
    const body = serialize(reply);
    const out = Buffer.allocUnsafe(offset + body.length);
    out.set(body, offset);
    return out;
  }
  const body = elementsOf(reply, (key, value) =>
    key === 'cursor' && isPlainObject(value)
      ? [
          elementHead(0x03, key),
          elementsOf(value, (k, v) => (isBatch(k, v) ? [elementHead(0x04, k), batchOf(v)] : undefined)),
        ]
      : undefined,
  );
  const out = Buffer.allocUnsafe(offset + body.size);
  writeDocument(out, offset, body);
  return out;
}

/** A reply's BSON (see replyAt). */
export function encodeReply(reply: Document): Buffer {
  return replyAt(reply, 0);
}

/** Encodes a reply to an OP_MSG request: one kind-0 section, header and reply written into one buffer. */
export function encodeMsgReply(responseTo: number, reply: Document): Buffer {
  const out = replyAt(reply, HEADER_SIZE + 5);
  writeHeader(out, responseTo, OpCode.MSG);
  out.writeUInt32LE(0, HEADER_SIZE); // flags
  out[HEADER_SIZE + 4] = 0; // section kind 0
  return out;
}

/** Encodes an OP_REPLY carrying one document (the answer to a legacy OP_QUERY command). */
export function encodeLegacyReply(responseTo: number, reply: Document): Buffer {
  const out = replyAt(reply, HEADER_SIZE + 20);
  writeHeader(out, responseTo, OpCode.REPLY);
  out.fill(0, HEADER_SIZE, HEADER_SIZE + 20); // responseFlags, cursorID (int64), startingFrom
  out.writeInt32LE(1, HEADER_SIZE + 16); // numberReturned
  return out;
}
