import { crc32 } from 'node:zlib';
import { serialize, type Document } from 'bson';

/**
 * The on-disk record format shared by the journal and snapshots:
 * [payload length: u32 LE][CRC-32 of payload: u32 LE][payload: one or more BSON documents back to back].
 * A record is applied whole or not at all; a short or mismatching record marks where valid data ends.
 */
export const RECORD_HEADER = 8;

/**
 * Frames documents as one record; a document given as bytes (already BSON) is written as it is. A record holds at
 * least one document: there is nothing to journal for none.
 */
export function encodeRecord(docs: Array<Document | Uint8Array>): Buffer {
  if (docs.length === 0) throw new Error('a journal record needs at least one document');
  const parts = docs.map((d) => (d instanceof Uint8Array ? d : serialize(d)));
  const payload = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  const header = Buffer.allocUnsafe(RECORD_HEADER);
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([header, payload]);
}

export interface SplitRecords {
  /** Each record's documents, as views of the buffer (not decoded). */
  records: Buffer[][];
  /** Bytes of the buffer covered by valid records (the rest is torn or corrupt). */
  validBytes: number;
  /** The buffer ends with something other than a complete valid record. */
  damaged: boolean;
}

/**
 * Splits a buffer into records and each record into its BSON documents by their lengths, without decoding them,
 * stopping at the first incomplete or corrupt record. An empty record (length 0, CRC 0) holds nothing and is
 * stepped over: versions before 2026-12-07 journaled one for every transaction that committed no writes.
 */
export function splitRecords(buf: Buffer): SplitRecords {
  const records: Buffer[][] = [];
  let offset = 0;
  while (offset < buf.length) {
    if (buf.length - offset < RECORD_HEADER) break;
    const length = buf.readUInt32LE(offset);
    const end = offset + RECORD_HEADER + length;
    if (length === 0) {
      if (buf.readUInt32LE(offset + 4) !== 0) break;
      offset = end;
      continue;
    }
    if (end > buf.length) break;
    const payload = buf.subarray(offset + RECORD_HEADER, end);
    if (crc32(payload) !== buf.readUInt32LE(offset + 4)) break;
    const docs = splitPayload(payload);
    if (!docs) break;
    records.push(docs);
    offset = end;
  }
  return { records, validBytes: offset, damaged: offset < buf.length };
}

function splitPayload(payload: Buffer): Buffer[] | null {
  const docs: Buffer[] = [];
  let offset = 0;
  while (offset < payload.length) {
    if (payload.length - offset < 5) return null;
    const size = payload.readInt32LE(offset);
    if (size < 5 || offset + size > payload.length || payload[offset + size - 1] !== 0) return null;
    docs.push(payload.subarray(offset, offset + size));
    offset += size;
  }
  return docs;
}
