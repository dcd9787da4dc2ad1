import mongoose, { Schema } from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from './db.js';

let db: TestDatabase;
const Thing = mongoose.model('TestHelperThing', new Schema({ code: { type: String, unique: true } }));

beforeAll(async () => {
  db = await startTestDatabase();
  await Thing.init();
});
afterAll(() => db.stop());

it('connects the default mongoose connection to a database of its own, and clears it keeping indexes', async () => {
  expect(mongoose.connection.readyState).toBe(1);
  expect(mongoose.connection.name).toBe(db.dbName);
  await Thing.create({ code: 'a' });
  await db.clear();
  expect(await Thing.countDocuments()).toBe(0);
  await Thing.create({ code: 'a' });
  await expect(Thing.create({ code: 'a' })).rejects.toMatchObject({ code: 11000 });
});
