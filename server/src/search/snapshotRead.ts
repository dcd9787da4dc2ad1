/**
 * Reading the index's snapshot file at start, beside the database's opening: the embedded engine keeps the main
 * thread busy while it opens, so a large snapshot is read and checksummed by a worker thread meanwhile (at
 * 100,000 listings, 100 MB: a third of a second of reading and a fifth of CRC-32 that the main thread no longer
 * spends), and its bytes handed over without a copy. A small one is read on the main thread, where starting a
 * thread would cost more than it saves.
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { SNAPSHOT_TRAILER_BYTES } from './embedded/snapshotFile.js';

/** A snapshot file's bytes, and the CRC-32 of its body when the reader computed it. */
export interface SnapshotBytes {
  bytes: Buffer;
  bodyCrc?: number;
}

/** Files from this size on are read by a worker thread. */
export const READ_IN_THREAD_FROM = 4 * 1024 * 1024;

/**
 * The worker thread's code: plain JavaScript given as text (`eval`), so that the same code runs under tsx, vitest
 * and the compiled server. It reads the whole file, checksums all but its trailer, and transfers the bytes.
 */
const READER = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { crc32 } = require('node:zlib');
try {
  const bytes = fs.readFileSync(workerData.file);
  const body = Math.max(0, bytes.length - workerData.trailer);
  const bodyCrc = crc32(bytes.subarray(0, body));
  const own = bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length;
  const buffer = own ? bytes.buffer : Uint8Array.prototype.slice.call(bytes).buffer;
  parentPort.postMessage({ buffer, bodyCrc }, [buffer]);
} catch (err) {
  parentPort.postMessage({ error: { message: String(err && err.message), code: err && err.code } });
}
`;

interface ReaderMessage {
  buffer?: ArrayBuffer;
  bodyCrc?: number;
  error?: { message: string; code?: string };
}

function readInThread(file: string): Promise<SnapshotBytes> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(READER, { eval: true, workerData: { file, trailer: SNAPSHOT_TRAILER_BYTES } });
    worker.once('message', (message: ReaderMessage) => {
      if (message.error) {
        reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
      } else resolve({ bytes: Buffer.from(message.buffer!), bodyCrc: message.bodyCrc! });
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the snapshot reader stopped (exit code ${code})`)));
  });
}

/**
 * Starts reading a snapshot file: in a worker thread from `inThreadFrom` bytes on, else on this thread. Rejects
 * like `fs.readFile` (ENOENT when there is none).
 */
export function readSnapshotFile(file: string, inThreadFrom = READ_IN_THREAD_FROM): Promise<SnapshotBytes> {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (err) {
    return Promise.reject(err as Error);
  }
  if (size < inThreadFrom) return fs.promises.readFile(file).then((bytes) => ({ bytes }));
  return readInThread(file);
}
