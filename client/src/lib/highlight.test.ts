import { describe, expect, it } from 'vitest';
import { parseHighlight } from './highlight.js';

describe('parseHighlight', () => {
  it('splits marked words from the rest and unescapes both', () => {
    expect(parseHighlight('为独居<mark>老人</mark>上门&lt;助餐&gt;')).toEqual([
      { text: '为独居', marked: false },
      { text: '老人', marked: true },
      { text: '上门<助餐>', marked: false },
    ]);
  });

  it('keeps any other markup as visible text, never as a tag', () => {
    const parts = parseHighlight('&lt;img src=x onerror=alert(1)&gt;<mark>a&amp;b</mark>');
    expect(parts).toEqual([
      { text: '<img src=x onerror=alert(1)>', marked: false },
      { text: 'a&b', marked: true },
    ]);
  });

  it('returns the whole text unmarked when nothing matched', () => {
    expect(parseHighlight('社区服务')).toEqual([{ text: '社区服务', marked: false }]);
    expect(parseHighlight('')).toEqual([]);
  });
});
