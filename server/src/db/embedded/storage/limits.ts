import { calculateObjectSize, type Document } from 'bson';
import { CommandError } from '../errors.js';
import { encodeDocument, type StoredBytes } from './bsonBytes.js';

/** MongoDB's maximum document size (maxBsonObjectSize in hello). */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

const tooLarge = (size: number) =>
  new CommandError(
    'BSONObjectTooLarge',
    `BSONObj size: ${size} is invalid. Size must be between 0 and 16793600(16MB) First element: _id`,
  );

/** Refuses a document larger than MongoDB allows, before it is stored or journaled. */
export function checkDocumentSize(doc: Document): void {
  const size = calculateObjectSize(doc);
  if (size > MAX_DOCUMENT_BYTES) throw tooLarge(size);
}

/**
 * A document's BSON bytes, refusing one larger than MongoDB allows: the size is that of the bytes a write stores
 * and journals anyway (one walk over the document instead of a size walk and an encoding walk).
 */
export function encodeWithinLimit(doc: Document): StoredBytes {
  let bytes: StoredBytes;
  try {
    bytes = encodeDocument(doc);
  } catch (err) {
    checkDocumentSize(doc); // too large for the encoder's buffer: MongoDB's error
    throw err;
  }
  if (bytes.length > MAX_DOCUMENT_BYTES) throw tooLarge(bytes.length);
  return bytes;
}
