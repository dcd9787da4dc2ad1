import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildInputsHash, buildIsCurrent, CLIENT_BUILD, recordBuild, SERVER_BUILD } from './builds.mjs';

let root: string;
const write = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
};

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('whether npm start builds the client and the server again', () => {
  it('rebuilds only when an input changed since the last build', () => {
    root = fs.mkdtempSync(path.join(tmpdir(), 'rl-client-build-'));
    write('client/src/main.ts', 'export {}');
    write('shared/src/index.ts', 'export const a = 1;');
    write('package-lock.json', '{}');
    expect(buildIsCurrent(root, CLIENT_BUILD)).toBe(false); // never built

    write('client/dist/index.html', '<html></html>');
    recordBuild(root, CLIENT_BUILD);
    expect(buildIsCurrent(root, CLIENT_BUILD)).toBe(true);

    const before = buildInputsHash(root, CLIENT_BUILD);
    write('client/dist/assets/app.js', 'built'); // outputs are no inputs
    expect(buildInputsHash(root, CLIENT_BUILD)).toBe(before);

    write('shared/src/index.ts', 'export const a = 2;');
    expect(buildIsCurrent(root, CLIENT_BUILD)).toBe(false);
    recordBuild(root, CLIENT_BUILD);
    write('client/src/pages/New.vue', '<template />'); // a new file
    expect(buildIsCurrent(root, CLIENT_BUILD)).toBe(false);
    recordBuild(root, CLIENT_BUILD);
    fs.rmSync(path.join(root, 'client/dist/index.html')); // a dist that lost its page
    expect(buildIsCurrent(root, CLIENT_BUILD)).toBe(false);
  });

  it('compiles the server again when its sources change, not when a test or the client does', () => {
    root = fs.mkdtempSync(path.join(tmpdir(), 'rl-server-build-'));
    write('server/src/main.ts', 'export {}');
    write('server/src/main.test.ts', 'export {}');
    write('shared/src/index.ts', 'export const a = 1;');
    write('package-lock.json', '{}');
    write('server/dist/main.js', 'built');
    expect(buildIsCurrent(root, SERVER_BUILD)).toBe(false); // never stamped
    recordBuild(root, SERVER_BUILD);
    expect(buildIsCurrent(root, SERVER_BUILD)).toBe(true);

    write('server/src/main.test.ts', 'export const changed = 1;');
    write('client/src/main.ts', 'export {}');
    expect(buildIsCurrent(root, SERVER_BUILD)).toBe(true);

    write('server/src/modules/new.ts', 'export {}');
    expect(buildIsCurrent(root, SERVER_BUILD)).toBe(false);
    recordBuild(root, SERVER_BUILD);
    fs.rmSync(path.join(root, 'server/dist/main.js'));
    expect(buildIsCurrent(root, SERVER_BUILD)).toBe(false);
  });
});
