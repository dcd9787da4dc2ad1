/**
 * Text the index derives from a listing's codes, so that words people type find coded values: 场地 finds kind
 * `venue`, 养老 finds domain `elderly`, 徐汇 finds district 310104. Both adapters index the same derived text.
 */
import { districtByCode, domains, kinds, sides, streetByCode, subkinds, type Labelled } from '@app/shared';
import type { SearchDocument } from './port.js';

/** Chinese and English labels of the listing's side, kind, sub-kind and domains. */
export function labelTexts(doc: SearchDocument): string[] {
  const texts: Labelled[] = [sides.get(doc.side), kinds.get(doc.kind)];
  if (doc.subkind) texts.push(subkinds.get(doc.subkind));
  for (const d of doc.domains) texts.push(domains.get(d));
  return texts.flatMap((item) => [item.zh, item.en]);
}

/** The district's and street's names, full and short (徐汇区 and 徐汇, 田林街道 and 田林), in both languages. */
export function placeTexts(doc: SearchDocument): string[] {
  const texts: string[] = [];
  const district = districtByCode(doc.district);
  if (district) texts.push(district.zh, district.shortZh, district.en);
  const street = doc.street ? streetByCode(doc.street) : undefined;
  if (street) {
    texts.push(street.zh, street.en);
    const short = street.zh.replace(/(街道|镇|乡)$/, '');
    if (short !== street.zh && short.length >= 2) texts.push(short);
  }
  return texts;
}

/** The number `amount` sorting uses: the most a listing gives or asks for, or -1 without an amount. */
export function amountSortValue(doc: SearchDocument): number {
  return doc.amountMax ?? doc.amountMin ?? -1;
}
