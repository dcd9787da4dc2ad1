import { adminCommands } from './admin.js';
import { aggregateCommands } from './aggregate.js';
import type { CommandTable } from './context.js';
import { ddlCommands } from './ddl.js';
import { findAndModifyCommands } from './findAndModify.js';
import { readCommands } from './read.js';
import { sessionCommands } from './session.js';
import { snapshotCommands } from './snapshot.js';
import { writeCommands } from './write.js';

/** Every command the engine answers, by the name the driver sends. */
export const commands: CommandTable = {
  ...adminCommands,
  ...readCommands,
  ...writeCommands,
  ...findAndModifyCommands,
  ...aggregateCommands,
  ...ddlCommands,
  ...sessionCommands,
  ...snapshotCommands,
};
