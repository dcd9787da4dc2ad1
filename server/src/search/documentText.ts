/**
 * Text derived from a listing's codes, so that words people type find coded values: 场地 finds kind `venue`,
 * 养老 finds domain `elderly`, 徐汇 finds district 310104. Meilisearch indexes this text with each document; the
 * embedded adapter matches query words against it once per code (see embedded/codeMatcher.ts).
 */
import { districts, domains, kinds, sides, streets, subkinds } from '@app/shared';
import type { SearchDocument } from './port.js';
import { indexTokens } from '../lib/text/tokenizer.js';

/** A coded field of a listing whose labels are searchable, and the searchable field its text counts as. */
export const codeFields = {
  side: { codes: sides.codes, field: 'labels' },
  kind: { codes: kinds.codes, field: 'labels' },
  subkind: { codes: subkinds.codes, field: 'labels' },
  domain: { codes: domains.codes, field: 'labels' },
  district: { codes: districts.codes, field: 'places' },
  street: { codes: streets.codes, field: 'places' },
} as const;
export type CodeField = keyof typeof codeFields;

/** Chinese and English labels of one code; places also by their short name (徐汇, 田林). */
export function codeTexts(field: CodeField, code: string): string[] {
  switch (field) {
    case 'side':
      return pair(sides.find(code));
    case 'kind':
      return pair(kinds.find(code));
    case 'subkind':
      return pair(subkinds.find(code));
    case 'domain':
      return pair(domains.find(code));
    case 'district': {
      const district = districts.find(code);
      return district ? [district.zh, district.shortZh, district.en] : [];
    }
    case 'street': {
      const street = streets.find(code);
      if (!street) return [];
      const short = street.zh.replace(/(街道|镇|乡)$/, '');
      return short !== street.zh && short.length >= 2
        ? [street.zh, short, street.en]
        : [street.zh, street.en];
    }
  }
}

const pair = (item: { zh: string; en: string } | undefined) => (item ? [item.zh, item.en] : []);

/** Labels of the listing's side, kind, sub-kind and domains. */
export function labelTexts(doc: SearchDocument): string[] {
  return [
    ...codeTexts('side', doc.side),
    ...codeTexts('kind', doc.kind),
    ...(doc.subkind ? codeTexts('subkind', doc.subkind) : []),
    ...doc.domains.flatMap((d) => codeTexts('domain', d)),
  ];
}

/** Names of the listing's district and street. */
export function placeTexts(doc: SearchDocument): string[] {
  return [...codeTexts('district', doc.district), ...(doc.street ? codeTexts('street', doc.street) : [])];
}

/** The number `amount` sorting uses: the most a listing gives or asks for, or -1 without an amount. */
export function amountSortValue(doc: SearchDocument): number {
  return doc.amountMax ?? doc.amountMin ?? -1;
}

/**
 * The words of a listing's free text as the embedded adapter indexes them (jieba's search mode: 有限公司 also gives
 * 有限 and 公司), each once, space-separated. Meilisearch's own tokenizer keeps a compound whole, so a query for
 * 公司 would miss 有限公司 there; this text, indexed beside the fields, lets it find the same words.
 */
export function segmentedWords(
  doc: Pick<SearchDocument, 'title' | 'description' | 'organizationName'>,
): string {
  const words = new Set([doc.title, doc.organizationName ?? '', doc.description].flatMap(indexTokens));
  return [...words].join(' ');
}
