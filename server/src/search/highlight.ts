/** Marks matched words in result text for display: <mark> around matches, everything else HTML-escaped. */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const ESCAPED = /[&<>"']/;

export function escapeHtml(text: string): string {
  // Most text has nothing to escape: testing first saves building a copy of it.
  return ESCAPED.test(text) ? text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!) : text;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A matcher for any of the terms, longest first so 老年人 wins over 老年; null when there is nothing to mark. */
export function termMatcher(terms: readonly string[]): RegExp | null {
  const unique = [...new Set(terms.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  return unique.length ? new RegExp(unique.map(escapeRegExp).join('|'), 'giu') : null;
}

function mark(text: string, matcher: RegExp): { html: string; marked: boolean } {
  let html = '';
  let last = 0;
  let marked = false;
  matcher.lastIndex = 0;
  for (const m of text.matchAll(matcher)) {
    html += `${escapeHtml(text.slice(last, m.index))}<mark>${escapeHtml(m[0])}</mark>`;
    last = m.index + m[0].length;
    marked = true;
  }
  return { html: html + escapeHtml(text.slice(last)), marked };
}

/**
 * The text with every match marked, or undefined when nothing in it matches. With `cropTo`, a longer text is cut
 * to about that many characters around the first match, with … where it was cut.
 */
export function highlightText(text: string, matcher: RegExp | null, cropTo?: number): string | undefined {
  if (!matcher) return undefined;
  matcher.lastIndex = 0;
  const first = matcher.exec(text);
  if (!first) return undefined;
  let window = text;
  if (cropTo && text.length > cropTo) {
    const start = Math.max(0, Math.min(first.index - Math.floor(cropTo / 4), text.length - cropTo));
    const end = Math.min(text.length, start + cropTo);
    window = `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
  }
  const { html, marked } = mark(window, matcher);
  return marked ? html : undefined;
}

/** Turns text that Meilisearch marked with private control characters into escaped HTML with <mark>. */
export const MEILI_PRE_TAG = '\u0002';
export const MEILI_POST_TAG = '\u0003';
export function markedToHtml(text: string): string {
  return escapeHtml(text).replaceAll(MEILI_PRE_TAG, '<mark>').replaceAll(MEILI_POST_TAG, '</mark>');
}
