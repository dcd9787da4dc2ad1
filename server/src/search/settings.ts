import type { IndexSettings } from './port.js';
import { synonymGroups } from './synonyms.js';

/**
 * Function words that carry no meaning in a search for listings. Both adapters drop them, so "为老人提供助餐" asks
 * for 老人, 提供 and 助餐 rather than also demanding 为.
 */
export const stopWords: readonly string[] = [
  '的',
  '了',
  '和',
  '与',
  '及',
  '或',
  '在',
  '为',
  '是',
  '有',
  '我',
  '我们',
  '你',
  '您',
  '他',
  '她',
  '它',
  '这',
  '那',
  '等',
  '把',
  '被',
  '对',
  '给',
  '从',
  '到',
  '也',
  '都',
  '就',
  '请',
  '吗',
  '呢',
  '吧',
  '啊',
  '个',
  '之',
  '其',
  'a',
  'an',
  'the',
  'and',
  'or',
  'of',
  'for',
  'to',
  'in',
  'on',
  'with',
];

/** The listing index: the title weighs most, then the kind and domain labels, then places and the organization. */
export const listingIndexSettings: IndexSettings = {
  searchable: [
    { field: 'title', boost: 4 },
    { field: 'labels', boost: 2.5 },
    { field: 'places', boost: 2 },
    { field: 'organizationName', boost: 1.5 },
    { field: 'description', boost: 1 },
  ],
  synonyms: synonymGroups,
  stopWords,
};
