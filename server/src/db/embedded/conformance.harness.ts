import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../../test/db.js';

type Targets = 'embedded' | 'mongodb';

/**
 * Declares a conformance suite that runs against the embedded engine, and against a real MongoDB when
 * MONGODB_URI is set (skipped with one line otherwise). `defineModels` runs after connecting; its result is
 * copied into `models` for the tests to use.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- models of any schema
export function conformance<M extends Record<string, mongoose.Model<any>>>(
  title: string,
  defineModels: () => M,
  body: (models: M, target: () => Targets) => void,
): void {
  for (const target of ['embedded', 'mongodb'] as const) {
    if (target === 'mongodb' && !process.env.MONGODB_URI) {
      describe.skip(`${title} [mongodb]: skipped, MONGODB_URI is unset`, () => {
        it('runs only against a real MongoDB', () => {});
      });
      continue;
    }
    describe(`${title} [${target}]`, () => {
      const models = {} as M;
      let db: TestDatabase;
      let sanitize: unknown;
      beforeAll(async () => {
        // The suite writes operator filters in code, as trusted callers do; the app sanitizes user input.
        sanitize = mongoose.get('sanitizeFilter');
        mongoose.set('sanitizeFilter', false);
        db = await startTestDatabase(target);
        Object.assign(models, defineModels());
        await Promise.all(Object.values(models).map((m) => m.init()));
      });
      afterAll(async () => {
        for (const name of Object.keys(models)) mongoose.deleteModel(models[name]!.modelName);
        await db?.stop();
        mongoose.set('sanitizeFilter', sanitize as boolean);
      });
      body(models, () => target);
    });
  }
}
