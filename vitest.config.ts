import { defineConfig } from 'vitest/config';

// One `vitest run` at the root runs every workspace's tests (npm test).
export default defineConfig({
  test: {
    projects: ['shared', 'server', 'client', 'scripts'],
  },
});
