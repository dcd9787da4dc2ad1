/** A piece of highlighted text: `marked` pieces matched the query. */
export interface HighlightPart {
  text: string;
  marked: boolean;
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
const unescape = (html: string) => html.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);

/**
 * Splits the API's highlight (escaped text with `<mark>` around matches) into plain pieces, so the page renders
 * them as text and never as HTML: any other tag stays visible as the characters it is.
 */
export function parseHighlight(html: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  let last = 0;
  for (const m of html.matchAll(/<mark>([\s\S]*?)<\/mark>/g)) {
    if (m.index > last) parts.push({ text: unescape(html.slice(last, m.index)), marked: false });
    parts.push({ text: unescape(m[1]!), marked: true });
    last = m.index + m[0].length;
  }
  if (last < html.length) parts.push({ text: unescape(html.slice(last)), marked: false });
  return parts;
}
