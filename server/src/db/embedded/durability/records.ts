import { crc32 } from 'node:zlib';
import { deserialize, serialize, type Document } from 'bson';

/**
 * The on-disk record format shared by the journal and snapshots:
 * [payload length: u32 LE][CRC-32 of payload: u32 LE][payload: one or more BSON documents back to back].
 * A record is applied whole or not at all; a short or mismatching record marks where valid data ends.
 */
export const RECORD_HEADER = 8;

const bsonOptions = { promoteLongs: true, promoteValues: true, promoteBuffers: false, bsonRegExp: false };

/** Frames documents as one record. */
export function encodeRecord(docs: Document[]): Buffer {
  const parts = docs.map((d) => serialize(d));
  const payload = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  const header = Buffer.allocUnsafe(RECORD_HEADER);
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([header, payload]);
}

export interface DecodedRecords {
  records: Document[][];
  /** Bytes of the buffer covered by valid records (the rest is torn or corrupt). */
  validBytes: number;
  /** The buffer ends with something other than a complete valid record. */
  damaged: boolean;
}

/** Splits a buffer into records, stopping at the first incomplete or corrupt one. */
export function decodeRecords(buf: Buffer): DecodedRecords {
  const records: Document[][] = [];
  let offset = 0;
  while (offset < buf.length) {
    if (buf.length - offset < RECORD_HEADER) break;
    const length = buf.readUInt32LE(offset);
    const end = offset + RECORD_HEADER + length;
    if (length === 0 || end > buf.length) break;
    const payload = buf.subarray(offset + RECORD_HEADER, end);
    if (crc32(payload) !== buf.readUInt32LE(offset + 4)) break;
    const docs = decodePayload(payload);
    if (!docs) break;
    records.push(docs);
    offset = end;
  }
  return { records, validBytes: offset, damaged: offset < buf.length };
}

function decodePayload(payload: Buffer): Document[] | null {
  const docs: Document[] = [];
  let offset = 0;
  try {
    while (offset < payload.length) {
      const size = payload.readInt32LE(offset);
      if (size < 5 || offset + size > payload.length) return null;
      docs.push(deserialize(payload.subarray(offset, offset + size), bsonOptions));
      offset += size;
    }
  } catch {
    return null;
  }
  return docs;
}
