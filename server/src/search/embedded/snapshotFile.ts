/**
 * The embedded index on disk: one file holding a JSON header and the index's arrays as they lie in memory.
 *
 *   "RLSEARCH" | u32 header bytes | header JSON | sections, each padded to 8 bytes | u32 CRC-32 | "RLEND\n\n\n"
 *
 * The CRC covers everything before it. The header names the format, the fingerprint of what the index was built
 * with (settings, taxonomy, tokenizer words: another fingerprint means the tokens or code positions differ), the
 * stamp the caller gives (what the snapshot covers) and every section's type and length. Written to a temporary
 * file, synced, then renamed into place, so a snapshot on disk is complete or absent; a damaged one fails the
 * CRC and is refused.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { districts, domains, kinds, listingStatuses, sides, streets, subkinds } from '@app/shared';
import type { IndexSettings } from '../port.js';
import { domainWords } from '../../lib/text/tokenizer.js';
import type { IndexParts } from './indexState.js';

const MAGIC = Buffer.from('RLSEARCH');
const END = Buffer.from('RLEND\n\n\n');
/** What follows the checksummed body: the CRC-32 and the end mark. */
export const SNAPSHOT_TRAILER_BYTES = 4 + END.length;
/**
 * Raised when the layout of the parts changes: older snapshots are then rebuilt. 2: the columns include
 * `amountMax` (format 1 left it out, so an index read back from it filtered and counted amounts as 0), and an
 * `organizations` section keeps the names and badges the index carries per organization.
 */
export const SNAPSHOT_FORMAT = 2;

type Typed = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float32Array | Float64Array;
const TYPES = { Int32Array, Uint32Array, Uint16Array, Uint8Array, Float32Array, Float64Array } as const;
type TypeName = keyof typeof TYPES;

interface SectionInfo {
  name: string;
  type: TypeName | 'json';
  bytes: number;
}

interface Header<Stamp> {
  format: number;
  fingerprint: string;
  stamp: Stamp;
  slotCount: number;
  sections: SectionInfo[];
}

/** Why a snapshot cannot be used. */
export class SnapshotRefused extends Error {
  constructor(
    readonly reason: 'corrupt' | 'incompatible',
    message: string,
  ) {
    super(message);
  }
}

/** What the index's tokens and columns depend on besides the listings. */
export function indexFingerprint(settings: IndexSettings): string {
  const codes = [sides, kinds, subkinds, listingStatuses, districts, streets, domains].map((l) => l.codes);
  return createHash('sha256')
    .update(JSON.stringify({ format: SNAPSHOT_FORMAT, settings, codes, words: domainWords() }))
    .digest('hex');
}

const pad = (n: number) => (8 - (n % 8)) % 8;

/** Flattens the parts into named sections (typed arrays as they are, the rest as JSON). */
function sectionsOf(parts: IndexParts): [string, Typed | unknown][] {
  const { columns, text, stored } = parts;
  return [
    ...Object.entries(columns.arrays).map(([name, a]): [string, Typed] => [`columns.${name}`, a as Typed]),
    ['columns.ids', columns.ids],
    ['text.terms', text.terms],
    ['text.lengths', text.lengths],
    ['text.fieldDocs', text.fieldDocs],
    ['text.postingSlots', text.postingSlots],
    ['text.postingInfo', text.postingInfo],
    ['text.fieldLengths', text.fieldLengths],
    ['text.meta', { capacity: text.capacity, live: text.live }],
    ['stored.bytes', stored.bytes],
    ['stored.offsets', stored.offsets],
    ['stored.lengths', stored.lengths],
    ['organizations', parts.organizations],
  ];
}

/** The snapshot file's bytes for an index (made at once, so it shows one moment of the index). */
export function encodeSnapshot<Stamp>(parts: IndexParts, fingerprint: string, stamp: Stamp): Buffer {
  const sections = sectionsOf(parts).map(([name, value]) => {
    const typed = ArrayBuffer.isView(value) ? (value as Typed) : undefined;
    const bytes = typed
      ? Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength)
      : Buffer.from(JSON.stringify(value));
    const type = typed ? (typed.constructor.name as TypeName) : ('json' as const);
    return { info: { name, type, bytes: bytes.length }, bytes };
  });
  const header: Header<Stamp> = {
    format: SNAPSHOT_FORMAT,
    fingerprint,
    stamp,
    slotCount: parts.slotCount,
    sections: sections.map((s) => s.info),
  };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const lengthBytes = Buffer.alloc(4);
  lengthBytes.writeUInt32LE(headerBytes.length);
  const chunks: Buffer[] = [MAGIC, lengthBytes, headerBytes, Buffer.alloc(pad(12 + headerBytes.length))];
  for (const s of sections) chunks.push(s.bytes, Buffer.alloc(pad(s.bytes.length)));
  const bodyLength = chunks.reduce((n, c) => n + c.length, 0);
  // One allocation for the whole file: the largest sections are tens of megabytes at 100,000 listings.
  const file = Buffer.concat([...chunks, Buffer.alloc(4), END], bodyLength + 4 + END.length);
  file.writeUInt32LE(crc32(file.subarray(0, bodyLength)), bodyLength);
  return file;
}

/**
 * Reads a snapshot file's bytes back into parts; refuses a damaged file or one built with another fingerprint.
 * `bodyCrc` is the CRC-32 of all but the file's last SNAPSHOT_TRAILER_BYTES when the reader computed it already.
 */
export function decodeSnapshot<Stamp>(
  file: Buffer,
  fingerprint: string,
  bodyCrc?: number,
): { parts: IndexParts; stamp: Stamp } {
  const corrupt = (why: string) => new SnapshotRefused('corrupt', `the search snapshot is damaged: ${why}`);
  if (file.length < MAGIC.length + 4 + 4 + END.length || !file.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw corrupt('no snapshot header');
  }
  const bodyEnd = file.length - SNAPSHOT_TRAILER_BYTES;
  if (!file.subarray(bodyEnd + 4).equals(END)) throw corrupt('it does not end where it should');
  const crc = bodyCrc ?? crc32(file.subarray(0, bodyEnd));
  if (crc !== file.readUInt32LE(bodyEnd)) throw corrupt('checksum mismatch');
  const headerLength = file.readUInt32LE(MAGIC.length);
  let header: Header<Stamp>;
  try {
    header = JSON.parse(file.toString('utf8', 12, 12 + headerLength)) as Header<Stamp>;
  } catch {
    throw corrupt('unreadable header');
  }
  if (header.format !== SNAPSHOT_FORMAT || header.fingerprint !== fingerprint) {
    throw new SnapshotRefused('incompatible', 'the search snapshot was built with other settings or words');
  }
  let at = 12 + headerLength + pad(12 + headerLength);
  const values = new Map<string, unknown>();
  for (const s of header.sections) {
    if (at + s.bytes > bodyEnd) throw corrupt(`section ${s.name} runs past the end`);
    const bytes = file.subarray(at, at + s.bytes);
    if (s.type === 'json') values.set(s.name, JSON.parse(bytes.toString('utf8')));
    else {
      const Type = TYPES[s.type];
      // A view of the file's bytes (sections start at multiples of 8). The stored listings and the postings, most
      // of the file, are taken over as they are by their `fromParts`; the small arrays are copied.
      const aligned = bytes.byteOffset % 8 === 0;
      const source = aligned ? bytes : Uint8Array.from(bytes);
      values.set(
        s.name,
        new Type(source.buffer as ArrayBuffer, source.byteOffset, s.bytes / Type.BYTES_PER_ELEMENT),
      );
    }
    at += s.bytes + pad(s.bytes);
  }
  const get = <T>(name: string): T => {
    if (!values.has(name)) throw corrupt(`section ${name} is missing`);
    return values.get(name) as T;
  };
  const arrays = Object.fromEntries(
    [...values.keys()]
      .filter((k) => k.startsWith('columns.') && k !== 'columns.ids')
      .map((k) => [k.slice('columns.'.length), values.get(k)]),
  ) as IndexParts['columns']['arrays'];
  const meta = get<{ capacity: number; live: number }>('text.meta');
  return {
    stamp: header.stamp,
    parts: {
      slotCount: header.slotCount,
      columns: { arrays, ids: get('columns.ids') },
      text: {
        terms: get('text.terms'),
        lengths: get('text.lengths'),
        fieldDocs: get('text.fieldDocs'),
        postingSlots: get('text.postingSlots'),
        postingInfo: get('text.postingInfo'),
        fieldLengths: get('text.fieldLengths'),
        capacity: meta.capacity,
        live: meta.live,
      },
      stored: { bytes: get('stored.bytes'), offsets: get('stored.offsets'), lengths: get('stored.lengths') },
      organizations: get('organizations'),
    },
  };
}

/** Writes a file whole: to a temporary name, synced, renamed into place, the directory synced. */
export async function writeFileAtomically(file: string, bytes: Buffer): Promise<void> {
  const dir = path.dirname(file);
  await fs.promises.mkdir(dir, { recursive: true });
  const tmp = `${file}.tmp`;
  const handle = await fs.promises.open(tmp, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(tmp, file);
  const dirHandle = await fs.promises.open(dir, 'r');
  try {
    await dirHandle.sync();
  } finally {
    await dirHandle.close();
  }
}
