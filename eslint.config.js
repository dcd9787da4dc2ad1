import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import prettierOff from 'eslint-config-prettier/flat';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'client/e2e/artifacts/**', '.tmp/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
    },
  },
  // Prettier owns formatting (`npm run format`): every stylistic rule above that it would fight is off, so a
  // lint warning always means something.
  prettierOff,
);
