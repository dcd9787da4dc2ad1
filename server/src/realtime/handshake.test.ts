import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { originAllowed } from './handshake.js';

const ask = (allowlist: string[], headers: Record<string, string>) =>
  new Promise<boolean>((resolve) =>
    originAllowed(allowlist)({ headers } as unknown as IncomingMessage, (_err, ok) => resolve(ok)),
  );

describe('the socket origin check', () => {
  it('admits its own origin, the allowlist and clients without an Origin, and nothing else', async () => {
    const host = 'rl.example.org';
    expect(await ask([], { host, origin: `https://${host}` })).toBe(true);
    expect(await ask([], { host })).toBe(true);
    expect(await ask(['https://app.example.org'], { host, origin: 'https://app.example.org' })).toBe(true);
    expect(await ask(['https://app.example.org'], { host, origin: 'https://evil.example.org' })).toBe(false);
    expect(await ask([], { host, origin: `https://${host}.evil.example` })).toBe(false);
    expect(await ask([], { host, origin: 'null' })).toBe(false);
  });
});
