// ESLint with typescript-eslint's type-aware rules, an import-cycle check (import-x/no-cycle) and
// the layers (import-x/no-restricted-paths: no import from a lower layer to a higher one).
// `npm run lint` runs it with zero warnings allowed; formatting is Prettier's (npm run format:check).

import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

// The layers (docs/architecture.md), lowest first: each may import the ones before it, never one
// after it. Issue 19: card ← machine ← view level ← screens ← app; the view level is ordered
// within (i18n ← view/format.ts ← report ← the rest of src/view) so that the order is strict: a
// strict order makes an import cycle between two folders impossible, without a cycle check.
// A layer is its folders (or files); `except` keeps a lower file of a shared folder out of it.
const LAYERS = [
  { name: 'card', paths: ['src/card'] },
  { name: 'machine', paths: ['src/machine'] },
  { name: 'i18n', paths: ['src/i18n'] },
  { name: 'format', paths: ['src/view/format.ts'] },
  { name: 'report', paths: ['src/report'] },
  { name: 'view', paths: ['src/view'], except: ['./format.ts'] },
  { name: 'screens', paths: ['src/screens'] },
  { name: 'app', paths: ['src/app'] },
];

/** no-restricted-paths for the files of layer `index`: every layer above it is out of bounds. */
function layerRule(index, allow = []) {
  const self = LAYERS[index];
  const zones = LAYERS.slice(index + 1)
    .filter((above) => !allow.includes(above.name))
    .flatMap((above) =>
      above.paths.map((from) => ({
        target: self.paths,
        from,
        ...(above.except ? { except: above.except } : {}),
        message: `${self.paths.join(', ')} is below ${from}: an upward import (docs/architecture.md, "The layers").`,
      })),
    );
  return zones.length === 0 ? 'off' : ['error', { basePath: import.meta.dirname, zones }];
}

const layerBlocks = [
  ...LAYERS.map((layer, i) => ({
    files: layer.paths.map((p) => (p.endsWith('.ts') ? p : `${p}/**/*.{ts,tsx}`)),
    ...(layer.except ? { ignores: layer.except.map((e) => `${layer.paths[0]}/${e.replace(/^\.\//, '')}`) } : {}),
    rules: { 'import-x/no-restricted-paths': layerRule(i) },
  })),
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tmp/**', 'test/fuzz-corpus/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  ...layerBlocks,
  {
    // Tests read JSON output and implement async interfaces with doubles: the unsafe-any family
    // and require-await would only add casts there. Everything else holds for tests too.
    files: ['test/**/*.ts', 'test/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/require-await': 'off',
      // Tests look for escape sequences and control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false },
      globals: { process: 'readonly', URL: 'readonly', console: 'readonly', Buffer: 'readonly' },
    },
  },
);
