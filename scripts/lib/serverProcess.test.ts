import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, serverNodeFlags } from './serverProcess.js';

const read = (rel: string) => fs.readFileSync(path.join(repoRoot, rel), 'utf8');

describe('the node flags the server runs with', () => {
  const flags = serverNodeFlags();

  it('are those of npm start, among them a heap ceiling below 2 GiB', () => {
    expect(flags).toContain('--enable-source-maps');
    const ceiling = flags.map((f) => /^--max-old-space-size=(\d+)$/.exec(f)?.[1]).find(Boolean);
    expect(Number(ceiling)).toBeGreaterThan(0);
    expect(Number(ceiling)).toBeLessThan(2048);
  });

  it('are the same in the production image and in the server workspace', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(read('Dockerfile'))?.[1];
    expect(JSON.parse(cmd!)).toEqual(['node', ...flags, 'server/dist/main.js']);
    const server = JSON.parse(read('server/package.json')) as { scripts: Record<string, string> };
    expect(server.scripts['start:compiled']).toBe(['node', ...flags, 'dist/main.js'].join(' '));
  });

  it('are read from a start script that runs the compiled server, and refused from one that does not', () => {
    const root = fs.mkdtempSync(path.join(tmpdir(), 'rl-flags-'));
    try {
      const write = (start: string) =>
        fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ scripts: { start } }));
      write('node a.mjs && node --x=1 --y server/dist/main.js');
      expect(serverNodeFlags(root)).toEqual(['--x=1', '--y']);
      write('node server/dist/main.js');
      expect(serverNodeFlags(root)).toEqual([]);
      write('tsx server/src/main.ts');
      expect(() => serverNodeFlags(root)).toThrow(/does not run node server\/dist\/main.js/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
