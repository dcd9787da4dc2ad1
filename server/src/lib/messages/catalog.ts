import type { Locale } from '@app/shared';
import { baseMessages } from './catalog/bases.js';
import { generalMessages } from './catalog/general.js';
import { marketMessages } from './catalog/market.js';
import { spaceMessages } from './catalog/spaces.js';

/** The catalog's parts, one a domain; a key belongs to one part only (a test checks). */
export const catalogParts = [generalMessages, marketMessages, baseMessages, spaceMessages] as const;

/**
 * Every message a user can see in an error, in both languages. `{name}` marks a parameter. The codes of the API
 * stay as they are; only the words follow the reader's language.
 */
export const messageCatalog = {
  ...generalMessages,
  ...marketMessages,
  ...baseMessages,
  ...spaceMessages,
};

/** The things a "not found" names. */
export const thingNames = {
  Resource: { 'zh-CN': '内容', en: 'Resource' },
  Listing: { 'zh-CN': '该信息', en: 'Listing' },
  Match: { 'zh-CN': '该对接', en: 'Match' },
  'Evidence file': { 'zh-CN': '该凭证文件', en: 'Evidence file' },
  Base: { 'zh-CN': '该基地', en: 'Base' },
  Conversation: { 'zh-CN': '该会话', en: 'Conversation' },
  Organization: { 'zh-CN': '该机构', en: 'Organization' },
  Notification: { 'zh-CN': '该通知', en: 'Notification' },
  Invitation: { 'zh-CN': '该邀请', en: 'Invitation' },
  Document: { 'zh-CN': '该文件', en: 'Document' },
  'Saved search': { 'zh-CN': '该保存的搜索', en: 'Saved search' },
  User: { 'zh-CN': '该账号', en: 'User' },
  Application: { 'zh-CN': '该申请', en: 'Application' },
  Residency: { 'zh-CN': '该入驻记录', en: 'Residency' },
  Space: { 'zh-CN': '该场地', en: 'Space' },
  Booking: { 'zh-CN': '该预约', en: 'Booking' },
  Event: { 'zh-CN': '该活动', en: 'Event' },
  Registration: { 'zh-CN': '该报名', en: 'Registration' },
} as const satisfies Record<string, Record<Locale, string>>;
