import { calculateObjectSize, type Document } from 'bson';
import { CommandError } from '../errors.js';

/** MongoDB's maximum document size (maxBsonObjectSize in hello). */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/** Refuses a document larger than MongoDB allows, before it is stored or journaled. */
export function checkDocumentSize(doc: Document): void {
  const size = calculateObjectSize(doc);
  if (size > MAX_DOCUMENT_BYTES) {
    throw new CommandError(
      'BSONObjectTooLarge',
      `BSONObj size: ${size} is invalid. Size must be between 0 and 16793600(16MB) First element: _id`,
    );
  }
}
