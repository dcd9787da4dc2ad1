import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Cluster tests start real processes (redis-server, later two servers): run by `npm run test:e2e`, not `npm test`.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    name: 'cluster',
    include: ['test/cluster/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
