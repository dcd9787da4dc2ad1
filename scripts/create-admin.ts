/**
 * `npm run create-admin -- --email a@b.cn --name 张三 [--password ...]`: creates a bureau (民政) account, the first
 * one from which every other operator and bureau account is made. Asks for what the flags leave out.
 * With the embedded database, run it while the server is stopped (the data directory is locked by a running server).
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { pino } from 'pino';
import { createStaffBodySchema } from '@app/shared';
import { loadConfig } from '../server/src/config/index.js';
import { connectDatabase } from '../server/src/db/index.js';
import { DomainEvents } from '../server/src/lib/events.js';
import { staffService } from '../server/src/modules/staff/service.js';

const { values } = parseArgs({
  options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
});

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

const email = values.email ?? (await ask('Email 邮箱: '));
const name = values.name ?? (await ask('Name 姓名: '));
const password = values.password ?? (await ask('Password 密码 (8+ characters): '));

const parsed = createStaffBodySchema.safeParse({ email, name, password, role: 'bureau' });
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join('.')}: ${issue.message}`);
  process.exit(2);
}

const config = loadConfig();
const logger = pino({ level: 'warn' });
const database = await connectDatabase(config, logger);
try {
  const user = await staffService({ events: new DomainEvents(() => {}) }).createStaff(parsed.data, undefined);
  console.log(`Created bureau account ${user.email} (${String(user._id)})`);
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await database.close();
}
