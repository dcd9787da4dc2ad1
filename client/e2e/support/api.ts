import { creditCodeCheckChar } from '@app/shared';
import type { APIRequestContext, BrowserContext } from 'playwright-core';

/**
 * The API as a browser context's user: the context's own cookies, and the CSRF token the server asks for on
 * writes. For setting up data a test needs but does not walk through (the journeys themselves use the UI).
 */
export function apiOf(context: BrowserContext) {
  const request: APIRequestContext = context.request;
  let token: string | null = null;

  async function csrf(): Promise<string> {
    token ??= ((await (await request.get('/api/auth/csrf')).json()) as { token: string }).token;
    return token;
  }

  async function send<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res =
      method === 'GET'
        ? await request.get(path)
        : await request.post(path, { data: body ?? {}, headers: { 'X-CSRF-Token': await csrf() } });
    if (!res.ok()) throw new Error(`${method} ${path} answered ${res.status()}: ${await res.text()}`);
    const text = await res.text();
    // A sign-in or sign-up starts a new session, whose token is new too.
    if (path.startsWith('/api/auth/')) token = null;
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    get: <T>(path: string) => send<T>('GET', path),
    post: <T>(path: string, body?: unknown) => send<T>('POST', path, body),
  };
}

/** A unique email for this run: files run against one server, and accounts are never reused between runs. */
export const uniqueEmail = (who: string) =>
  `${who}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.cn`;

/**
 * A valid unified social credit code no other run has used: registered by 民政 (5) as a social group (1),
 * social service agency (2) or foundation (3), in Shanghai, with a random body.
 */
export function uniqueCreditCode(type: '1' | '2' | '3' = '3'): string {
  const body = Array.from({ length: 9 }, () => Math.floor(Math.random() * 10)).join('');
  const first17 = `5${type}310000${body}`;
  return first17 + creditCodeCheckChar(first17);
}
