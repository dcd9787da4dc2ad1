import type { Logger } from 'pino';
import type { Config } from './config/index.js';
import type { DomainEvents } from './lib/events.js';
import type { Health } from '@app/shared';
import type { FileStorage } from './lib/storage/fileStorage.js';
import type { SearchEngine, SearchWriteWatch } from './search/port.js';

/** A user with at least one open socket, as the realtime layer knows them. */
export interface OnlineUser {
  id: string;
  role: string;
  organizationId?: string;
  baseId?: string;
}

/** Who is connected right now, across every server process; provided by the realtime layer once attached. */
export interface PresencePort {
  /** For each conversation asked, the users with a socket in its room. */
  onlineInConversations(conversationIds: string[]): Promise<Map<string, OnlineUser[]>>;
  /** Which of these users have a socket open. */
  onlineUsers(userIds: string[]): Promise<Set<string>>;
}

/** What the running server is made of; built once in main.ts (or a test harness) and handed to createApp(). */
export interface AppContext {
  config: Config;
  logger: Logger;
  version: string;
  events: DomainEvents;
  engines: Pick<Health, 'database' | 'search' | 'realtime'>;
  storage: FileStorage;
  search: SearchEngine;
  /** Follows unwaited index writes and reports the index's lag; absent in contexts without a server. */
  searchWrites?: SearchWriteWatch;
  /** Absent until realtime is attached (and in unit tests): everyone then counts as offline. */
  presence?: PresencePort;
}
