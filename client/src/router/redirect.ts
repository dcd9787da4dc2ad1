/** Only a path inside this site is followed after signing in: `//evil.example` and absolute URLs are not. */
export function safeRedirect(value: unknown, fallback: string): string {
  const path = Array.isArray(value) ? value[0] : value;
  return typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') ? path : fallback;
}
