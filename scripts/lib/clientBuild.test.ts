import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildInputsHash, clientBuildIsCurrent, recordClientBuild } from './clientBuild.js';

let root: string;
const write = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
};

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('whether npm start rebuilds the client', () => {
  it('rebuilds only when an input changed since the last build', () => {
    root = fs.mkdtempSync(path.join(tmpdir(), 'rl-client-build-'));
    write('client/src/main.ts', 'export {}');
    write('shared/src/index.ts', 'export const a = 1;');
    write('package-lock.json', '{}');
    expect(clientBuildIsCurrent(root)).toBe(false); // never built

    write('client/dist/index.html', '<html></html>');
    recordClientBuild(root);
    expect(clientBuildIsCurrent(root)).toBe(true);

    const before = buildInputsHash(root);
    write('client/dist/assets/app.js', 'built'); // outputs are no inputs
    expect(buildInputsHash(root)).toBe(before);

    write('shared/src/index.ts', 'export const a = 2;');
    expect(clientBuildIsCurrent(root)).toBe(false);
    recordClientBuild(root);
    write('client/src/pages/New.vue', '<template />'); // a new file
    expect(clientBuildIsCurrent(root)).toBe(false);
    recordClientBuild(root);
    fs.rmSync(path.join(root, 'client/dist/index.html')); // a dist that lost its page
    expect(clientBuildIsCurrent(root)).toBe(false);
  });
});
