import type { FileHandle } from 'node:fs/promises';

/** Writes the whole buffer: one write may take fewer bytes than it is given (a full disk, a signal). */
export async function writeAll(handle: FileHandle, buf: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buf.length) {
    const { bytesWritten } = await handle.write(buf, offset, buf.length - offset);
    if (bytesWritten === 0) throw new Error(`wrote ${offset} of ${buf.length} bytes, then none`);
    offset += bytesWritten;
  }
}
