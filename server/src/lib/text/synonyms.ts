/**
 * Words residents and organizations use for the same thing. Both adapters read these groups: the embedded one
 * expands each query word into its group, Meilisearch gets them as its synonyms setting. Keep groups to true
 * equivalents in this field's usage; a loose group makes every search noisier.
 */
export const synonymGroups: readonly (readonly string[])[] = [
  ['老人', '老年人', '长者', '高龄', '老年', '银发'],
  ['残疾人', '残障人士', '残障', '助残', '残疾', '残障者'],
  ['小孩', '儿童', '未成年人', '青少年', '孩子', '少儿'],
  ['心理', '心理健康', '心理咨询', '心理疏导', '心理辅导'],
  ['助餐', '送餐', '配餐', '老年餐', '餐食'],
  ['场地', '场所', '活动室', '会议室', '活动场地'],
  ['志愿者', '义工', '志愿服务'],
  ['资金', '经费', '资助', '善款'],
];

const groupOf = new Map<string, readonly string[]>();
for (const group of synonymGroups) for (const word of group) groupOf.set(word, group);

/** The other words of a word's synonym group (empty when it has none). */
export function synonymsOf(word: string): readonly string[] {
  return (groupOf.get(word) ?? []).filter((w) => w !== word);
}

/** Every word that appears in some group (the tokenizer keeps these whole). */
export function synonymWords(): readonly string[] {
  return [...groupOf.keys()];
}
