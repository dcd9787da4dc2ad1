import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'scripts', include: ['generate/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
});
