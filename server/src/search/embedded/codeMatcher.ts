/**
 * Matches query words against the labels of coded fields (kind, sub-kind, side, domains, district, street) once
 * per code rather than once per listing: 场地 reaches kind `venue`, 徐汇 reaches district 310104, and every listing
 * with that code scores as if the label were a field of its own. Indexing the same label text into every listing
 * would double the embedded index for no gain in what can be found.
 */
import { codeFields, codeTexts, type CodeField } from '../documentText.js';
import { indexTokens, isLatinToken } from '../../lib/text/tokenizer.js';

export interface CodeHit {
  field: CodeField;
  /** Position of the code in its code list. */
  index: number;
  weight: number;
}

const PREFIX_WEIGHT = 0.5;

let dictionary: Map<string, Omit<CodeHit, 'weight'>[]> | undefined;
let latinKeys: string[] = [];

function words(): Map<string, Omit<CodeHit, 'weight'>[]> {
  if (!dictionary) {
    dictionary = new Map();
    for (const field of Object.keys(codeFields) as CodeField[]) {
      codeFields[field].codes.forEach((code, index) => {
        for (const token of new Set(codeTexts(field, code).flatMap(indexTokens))) {
          const hits = dictionary!.get(token) ?? [];
          hits.push({ field, index });
          dictionary!.set(token, hits);
        }
      });
    }
    latinKeys = [...dictionary.keys()].filter(isLatinToken);
  }
  return dictionary;
}

/** The codes whose labels contain a word (Latin words also by prefix), with the weight of each match. */
export function codesForWord(word: string, weight: number): CodeHit[] {
  const dict = words();
  const out: CodeHit[] = (dict.get(word) ?? []).map((hit) => ({ ...hit, weight }));
  if (isLatinToken(word) && word.length >= 2) {
    for (const key of latinKeys) {
      if (key !== word && key.startsWith(word)) {
        for (const hit of dict.get(key)!)
          out.push({ ...hit, weight: weight * PREFIX_WEIGHT * (word.length / key.length) });
      }
    }
  }
  return out;
}
