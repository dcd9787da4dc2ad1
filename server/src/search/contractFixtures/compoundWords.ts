/**
 * Words people type that the listings hold only inside a longer word: 公司 in 有限公司, 基金 in 基金会. The embedded
 * adapter indexes jieba's search-mode words and finds them; Meilisearch's tokenizer keeps the compound whole, so
 * its adapter indexes the same segmented words beside the text (documentText.ts, `segmentedWords`).
 */
export const compoundWordCases: { query: string; compound: string; id: string }[] = [
  { query: '公司', compound: '有限公司', id: 'canteen-kitchen' },
  { query: '设备', compound: '厨房设备', id: 'canteen-kitchen' },
  { query: '基金', compound: '基金会', id: 'elderly-meal-grant' },
  { query: '多功能', compound: '多功能厅', id: 'venue-tianlin' },
  { query: '中心', compound: '服务中心', id: 'venue-tianlin' },
];
