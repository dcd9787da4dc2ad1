// `npm run build -w @app/server`: compiles the server, with the @app/shared sources it imports, to plain
// JavaScript in server/dist, so production runs `node server/dist/main.js` without tsx. esbuild bundles our own
// code (one file per entry, shared chunks beside them, all in dist/ itself so that paths the code resolves from
// its own file, such as ../package.json and ../../client/dist, hold as they do from src/); every npm package
// stays an import resolved from node_modules at run time. Type checking is `npm run typecheck`'s job.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const server = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(server);
const outdir = path.join(server, 'dist');

/** What runs in production: the server, the embedded engine on its own, and the operator commands. */
const entryPoints = {
  main: 'server/src/main.ts',
  'embedded-engine': 'server/src/db/embedded/standalone.ts',
  backup: 'scripts/backup.ts',
  restore: 'scripts/restore.ts',
  migrate: 'scripts/migrate.ts',
  reindex: 'scripts/reindex.ts',
  'create-admin': 'scripts/create-admin.ts',
  'meili-keys': 'scripts/meili-keys.ts',
};

/** npm packages stay external; the workspace's own @app/* packages are TypeScript and are compiled in. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@app/') || args.path.startsWith('node:')
        ? undefined
        : { path: args.path, external: true },
    );
  },
};

rmSync(outdir, { recursive: true, force: true });
const started = performance.now();
const result = await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(
    Object.entries(entryPoints).map(([name, file]) => [name, path.join(root, file)]),
  ),
  outdir,
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  metafile: true,
  plugins: [externalPackages],
});
// The image installs production dependencies only: a package imported here but not among the dependencies of
// server/ or shared/ would be missing there at run time.
const dependencies = new Set(
  ['server', 'shared'].flatMap((w) =>
    Object.keys(JSON.parse(readFileSync(path.join(root, w, 'package.json'), 'utf8')).dependencies ?? {}),
  ),
);
const packageOf = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
const missing = new Set(
  Object.values(result.metafile.outputs)
    .flatMap((output) => output.imports)
    .filter((i) => i.external && !i.path.startsWith('node:'))
    .map((i) => packageOf(i.path))
    .filter((name) => !dependencies.has(name)),
);
if (missing.size > 0) {
  console.error(
    `the compiled server imports packages that are not production dependencies: ${[...missing].join(', ')}`,
  );
  process.exit(1);
}
const files = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'));
console.log(
  `server compiled to ${path.relative(root, outdir)}/ (${files.length} files, ${Object.keys(entryPoints).join(', ')}) in ${Math.round(performance.now() - started)} ms`,
);
