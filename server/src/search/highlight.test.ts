import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  highlightText,
  markedToHtml,
  MEILI_POST_TAG,
  MEILI_PRE_TAG,
  termMatcher,
} from './highlight.js';

describe('highlighting', () => {
  it('marks every match, longest term first, and escapes everything else', () => {
    const matcher = termMatcher(['老年', '老年人', '<b>']);
    expect(highlightText('<i>老年人</i> & 老年', matcher)).toBe(
      '&lt;i&gt;<mark>老年人</mark>&lt;/i&gt; &amp; <mark>老年</mark>',
    );
  });

  it('matches Latin terms case-insensitively and returns undefined when nothing matches', () => {
    const matcher = termMatcher(['ngos']);
    expect(highlightText('Help for NGOs', matcher)).toBe('Help for <mark>NGOs</mark>');
    expect(highlightText('nothing here', matcher)).toBeUndefined();
    expect(highlightText('anything', termMatcher([]))).toBeUndefined();
  });

  it('treats terms as text, not as patterns', () => {
    expect(highlightText('a.b and axb', termMatcher(['a.b']))).toBe('<mark>a.b</mark> and axb');
  });

  it('crops a long text around the first match', () => {
    const text = `${'甲'.repeat(200)}助餐${'乙'.repeat(200)}`;
    const cropped = highlightText(text, termMatcher(['助餐']), 40)!;
    expect(cropped).toContain('<mark>助餐</mark>');
    expect(cropped.startsWith('…')).toBe(true);
    expect(cropped.endsWith('…')).toBe(true);
    expect(cropped.replace(/<\/?mark>|…/g, '').length).toBe(40);
  });

  it('turns Meilisearch marker characters into <mark> after escaping', () => {
    expect(markedToHtml(`<b>${MEILI_PRE_TAG}口罩${MEILI_POST_TAG}</b>`)).toBe(
      '&lt;b&gt;<mark>口罩</mark>&lt;/b&gt;',
    );
    expect(escapeHtml(`"'`)).toBe('&quot;&#39;');
  });
});
