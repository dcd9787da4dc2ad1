import { defineProject, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.js';

export default mergeConfig(
  viteConfig,
  defineProject({
    test: {
      name: 'client',
      environment: 'happy-dom',
      include: ['src/**/*.test.ts'],
      // Element Plus components import their CSS; vite must process the package for that to load in tests.
      server: { deps: { inline: ['element-plus'] } },
    },
  }),
);
