import type { Logger } from 'pino';
import type { Config } from './config/index.js';
import type { DomainEvents } from './lib/events.js';
import type { Health } from '@app/shared';
import type { FileStorage } from './lib/storage/fileStorage.js';
import type { SearchEngine } from './search/port.js';

/** What the running server is made of; built once in main.ts (or a test harness) and handed to createApp(). */
export interface AppContext {
  config: Config;
  logger: Logger;
  version: string;
  events: DomainEvents;
  engines: Pick<Health, 'database' | 'search' | 'realtime'>;
  storage: FileStorage;
  search: SearchEngine;
}
