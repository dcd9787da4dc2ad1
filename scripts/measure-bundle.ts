/**
 * Measures what the browser downloads to show the home route: the entry script, everything it imports
 * statically (what index.html preloads), and the home page's own chunk with its static imports.
 * Run after `npm run build -w @app/client`: `npx tsx scripts/measure-bundle.ts`. Prints one JSON line;
 * exits 1 when the JavaScript is over the budget.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

// The home route's first download stays under 150 KB of gzipped JavaScript.
const BUDGET_KB = 150;
const HOME_PAGE_SOURCE = 'src/pages/home/HomePage.vue';
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../client/dist');

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

function attributeValues(html: string, tag: RegExp, attribute: string): string[] {
  return [...html.matchAll(tag)].flatMap((m) => {
    const value = new RegExp(`${attribute}="([^"]+)"`).exec(m[0])?.[1];
    return value ? [value] : [];
  });
}

/** `/assets/x.js` or `./x.js` relative to the chunk that imports it → a path inside dist. */
function toDistPath(url: string, from = '/'): string {
  return path.posix.normalize(
    url.startsWith('/') ? url.slice(1) : path.posix.join(path.posix.dirname(from), url),
  );
}

/** Static imports of a built chunk: `import{a}from"./b.js"` and `import"./c.js"`, never `import("./d.js")`. */
function staticImports(code: string): string[] {
  return [...code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+?from\s*)?["']([^"']+\.js)["']/g)].map((m) => m[1]!);
}

/** Every file reached from the start files through static imports. */
function closure(start: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file) || !existsSync(path.join(dist, file))) continue;
    seen.add(file);
    if (file.endsWith('.js')) {
      for (const spec of staticImports(readFileSync(path.join(dist, file), 'utf8'))) {
        queue.push(toDistPath(spec, file));
      }
    }
  }
  return seen;
}

function sizes(files: Iterable<string>): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const content = readFileSync(path.join(dist, file));
    raw += content.length;
    gzip += gzipSync(content, { level: 9 }).length;
  }
  return { raw, gzip };
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

function main(): void {
  const indexFile = path.join(dist, 'index.html');
  if (!existsSync(indexFile)) {
    console.error('client/dist/index.html is missing: run `npm run build -w @app/client` first');
    process.exit(2);
  }
  const html = readFileSync(indexFile, 'utf8');
  const entry = attributeValues(html, /<script\b[^>]*type="module"[^>]*>/g, 'src').map((u) => toDistPath(u));
  const preloaded = attributeValues(html, /<link\b[^>]*rel="modulepreload"[^>]*>/g, 'href').map((u) =>
    toDistPath(u),
  );
  const stylesheets = attributeValues(html, /<link\b[^>]*rel="stylesheet"[^>]*>/g, 'href').map((u) =>
    toDistPath(u),
  );

  const entryFiles = closure([...entry, ...preloaded]);
  const manifestFile = path.join(dist, '.vite/manifest.json');
  const manifest: Manifest = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : {};
  const home = manifest[HOME_PAGE_SOURCE];
  if (!home)
    console.error(`warning: ${HOME_PAGE_SOURCE} is not in the build manifest; measuring the entry only`);
  const homeFiles = closure(home ? [home.file] : []);

  const js = new Set([...entryFiles, ...homeFiles].filter((f) => f.endsWith('.js')));
  const css = new Set([...stylesheets, ...(home?.css ?? []), ...[...js].flatMap((f) => cssOf(manifest, f))]);
  const jsSize = sizes(js);
  const entrySize = sizes([...entryFiles].filter((f) => f.endsWith('.js')));
  const cssSize = sizes(css);

  const result = {
    bench: 'bundle',
    route: '/',
    js_files: js.size,
    js_gzip_kb: kb(jsSize.gzip),
    js_raw_kb: kb(jsSize.raw),
    entry_js_gzip_kb: kb(entrySize.gzip),
    css_gzip_kb: kb(cssSize.gzip),
    budget_js_gzip_kb: BUDGET_KB,
    within_budget: kb(jsSize.gzip) <= BUDGET_KB,
  };
  console.log(JSON.stringify(result));
  if (!result.within_budget) process.exit(1);
}

/** CSS files the manifest ties to a built chunk. */
function cssOf(manifest: Manifest, file: string): string[] {
  return Object.values(manifest).find((chunk) => chunk.file === file)?.css ?? [];
}

main();
