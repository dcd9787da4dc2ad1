import account from './zh-CN/account.js';
import common from './zh-CN/common.js';
import listing from './zh-CN/listing.js';
import matching from './zh-CN/matching.js';
import messaging from './zh-CN/messaging.js';
import shell from './zh-CN/shell.js';
import staff from './zh-CN/staff.js';
import bases from './zh-CN/bases.js';
import spaces from './zh-CN/spaces.js';

/**
 * Simplified Chinese, the default language, bundled with the app. en.ts must carry exactly the same keys (a
 * test checks it). vue-i18n reserves { } @ $ | in messages: write them only as placeholders. Labels of taxonomy
 * codes (kinds, domains, districts...) come from @app/shared, never from here.
 */
const zhCN = {
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

export type MessageSchema = typeof zhCN;
export default zhCN;
