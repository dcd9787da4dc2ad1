import { defineCodeList } from './labelled.js';

/** The level of an incubation base. */
export const baseLevels = defineCodeList([
  { code: 'city', zh: '市级', en: 'City level' },
  { code: 'district', zh: '区级', en: 'District level' },
  { code: 'street', zh: '街镇级', en: 'Street / town level' },
]);
export type BaseLevel = (typeof baseLevels.codes)[number];
export const baseLevelSchema = baseLevels.schema;
