import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose, { Schema } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase } from '../../test/db.js';

const modules = path.join(path.dirname(fileURLToPath(import.meta.url)), '../modules');

/** What the test reads of a schema. */
interface SchemaTree {
  childSchemas: { schema: SchemaTree }[];
  options: { versionKey?: unknown };
  paths: Record<string, unknown>;
}

/** Every schema nested in a model's schema, at any depth. */
function nestedSchemas(schema: SchemaTree, out: SchemaTree[] = []): SchemaTree[] {
  for (const child of schema.childSchemas) {
    out.push(child.schema);
    nestedSchemas(child.schema, out);
  }
  return out;
}

/*
 * A transaction that is tried again (a write conflict, a transient error) makes mongoose put back each saved
 * document's version key, subdocuments included; a subdocument schema that keeps the default `__v` and refuses
 * unknown paths (`strict: 'throw'`) then throws, and the retried write fails with a 500. Subdocuments store no
 * version: their schemas say `versionKey: false`.
 */
describe('subdocument schemas', () => {
  let stop: () => Promise<void>;
  beforeAll(async () => {
    for (const name of fs.readdirSync(modules)) {
      const file = path.join(modules, name, 'model.ts');
      if (fs.existsSync(file)) await import(file);
    }
    ({ stop } = await startTestDatabase());
  });
  afterAll(() => stop());

  it('declare no version key, in every model', () => {
    const offenders = mongoose.modelNames().flatMap((name) =>
      nestedSchemas(mongoose.model(name).schema as unknown as SchemaTree)
        .filter((s) => s.options.versionKey !== false)
        .map((s) => `${name}: ${Object.keys(s.paths).join(', ')}`),
    );
    expect(offenders).toEqual([]);
  });

  it('let a transaction that is tried again save a document with subdocuments', async () => {
    const Item = mongoose.model(
      'RetriedItem',
      new Schema(
        {
          name: String,
          parts: [new Schema({ k: String }, { _id: false, strict: 'throw', versionKey: false })],
        },
        { strict: 'throw' },
      ),
    );
    let attempts = 0;
    await mongoose.connection.transaction(async (session) => {
      attempts++;
      await new Item({ name: 'a', parts: [{ k: 'x' }] }).save({ session });
      if (attempts === 1) {
        const transient = new mongoose.mongo.MongoServerError({ message: 'write conflict', code: 112 });
        transient.addErrorLabel('TransientTransactionError');
        throw transient;
      }
    });
    expect(attempts).toBe(2);
    expect(await Item.countDocuments()).toBe(1);
  });
});
