// Lint: typescript-eslint and eslint-plugin-astro, recommended rules; `npm run lint` allows no warnings.
import { defineConfig } from 'eslint/config';
import eslintPluginAstro from 'eslint-plugin-astro';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      'dist/**',
      '.astro/**',
      '.tmp/**',
      '.cache/**',
      'node_modules/**',
      'tests/fixtures/**',
      'content/**',
      'data/**',
    ],
  },
  ...tseslint.configs.recommended,
  ...eslintPluginAstro.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
