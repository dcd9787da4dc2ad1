import account from './en/account.js';
import common from './en/common.js';
import listing from './en/listing.js';
import matching from './en/matching.js';
import messaging from './en/messaging.js';
import shell from './en/shell.js';
import staff from './en/staff.js';
import bases from './en/bases.js';
import spaces from './en/spaces.js';
import type { MessageSchema } from './zh-CN.js';

/** English, the second language; loaded on demand when a user switches to it. */
const en: MessageSchema = {
  ...shell,
  ...common,
  ...account,
  ...listing,
  ...matching,
  ...messaging,
  ...staff,
  ...bases,
  ...spaces,
};

export default en;
