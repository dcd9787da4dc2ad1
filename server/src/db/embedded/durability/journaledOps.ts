import type { Document } from 'bson';
import {
  FieldSelection,
  decodeDocument,
  elementRange,
  encodeWithDocument,
  readFields,
} from '../storage/bsonBytes.js';
import type { Catalog, StorageOp } from '../storage/catalog.js';

const OP_HEAD = new FieldSelection(['k', 'ns']);

/**
 * A storage op as the journal records it: `{ k, ns, doc }` for a put, its document written from the bytes it is
 * stored as (the same bytes bson would write for the object); any other op as it is.
 */
export function journaledOp(op: StorageOp): Document | Uint8Array {
  return op.k === 'put' && op.bytes ? encodeWithDocument({ k: 'put', ns: op.ns }, 'doc', op.bytes) : op;
}

/**
 * Applies one op read back from the journal: a put's document is stored as its bytes (copied out of the journal
 * file's buffer, never decoded here: the indexes read only their fields); other ops are decoded.
 */
export function applyJournaled(catalog: Catalog, bytes: Buffer): void {
  const head = readFields(bytes, OP_HEAD);
  if (head.k === 'put' && typeof head.ns === 'string') {
    const doc = elementRange(bytes, 'doc');
    if (doc?.type === 0x03) {
      catalog.putStored(head.ns, Buffer.from(bytes.subarray(doc.valueAt, doc.end)));
      return;
    }
  }
  catalog.apply(decodeDocument(bytes) as StorageOp);
}
