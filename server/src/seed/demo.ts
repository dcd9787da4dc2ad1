import type { Logger } from 'pino';
import { demoDataset, demoLogins, DEMO_PASSWORD } from './generate/demo.js';

export { demoLogins, DEMO_PASSWORD };
import { UserModel } from '../modules/users/model.js';
import { loadDataset } from './loadDataset.js';
import { seedDemoBases } from './demoBases.js';
import { seedDemoSpaces } from './demoSpaces.js';
import { seedDemoHistory } from './demoHistory.js';

/**
 * On the first start of an empty database, loads the demo set (bases, organizations, listings, and a login for
 * each role) so that a newcomer sees a living product; SEED_DEMO=false turns it off.
 */
export async function seedDemoIfEmpty(logger: Logger): Promise<boolean> {
  if (await UserModel.estimatedDocumentCount()) return false;
  const now = new Date();
  const counts = await loadDataset(demoDataset({ now }));
  const bases = await seedDemoBases(now);
  const spaces = await seedDemoSpaces(now);
  logger.info({ ...counts, ...bases, ...spaces }, 'loaded the demo data into the empty database');
  const history = await seedDemoHistory(now);
  logger.info(history, 'added a year of history across the 16 districts');
  return true;
}

/** The banner `npm start` prints: one demo login per role. */
export function demoLoginBanner(): string {
  const lines = demoLogins.map((l) => `  ${l.role.padEnd(13)}${l.email}`);
  return `Demo logins 演示账号 (password 密码: ${DEMO_PASSWORD}):\n${lines.join('\n')}`;
}
