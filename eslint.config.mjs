// Lint: type-aware rules for all TypeScript, and the boundary that keeps the core pure.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', 'examples/**', 'test/fixtures/**', 'bench/**', '**/*.mjs', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's test()/describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The core is a pure library: no LSP runtime, no VS Code, no file system. See ARCHITECTURE.md.
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', 'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'vscode-languageserver', 'vscode-languageserver/node', 'vscode-jsonrpc', 'vscode-languageclient'],
          patterns: ['vscode-languageserver/*', 'vscode-languageclient/*', '**/lsp/*', '**/disk/*', '**/analysis/*', '**/cli/*', '**/client/*', '**/protocol/*'],
        },
      ],
    },
  },
  // One direction inside the core: util ← schema ← model ← workspace ← lineage ← glossary ← governance ← features ← the façade.
  // The glossary may use `features/quickFix` alone: the type every feature's code actions return.
  ...[
    ['util', ['schema', 'model', 'workspace', 'lineage', 'glossary', 'governance', 'features']],
    ['schema', ['model', 'workspace', 'lineage', 'glossary', 'governance', 'features']],
    ['model', ['workspace', 'lineage', 'glossary', 'governance', 'features']],
    ['workspace', ['lineage', 'glossary', 'governance', 'features']],
    ['lineage', ['glossary', 'governance', 'features']],
    ['glossary', ['governance', 'features', '!../features/quickFix']],
    ['governance', ['features', '!../features/quickFix']],
  ].map(([folder, above]) => ({
    files: [`server/src/core/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', 'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'vscode-languageserver', 'vscode-languageserver/node', 'vscode-jsonrpc', 'vscode-languageclient'],
          patterns: [
            { group: ['vscode-languageserver/*', 'vscode-languageclient/*', '**/lsp/*', '**/disk/*', '**/analysis/*', '**/cli/*', '**/client/*', '**/protocol/*'], message: 'The core is pure: no LSP, VS Code or file system.' },
            { group: [...above.map((f) => (f.startsWith('!') ? f : `../${f}/*`)), '../languageService', '../fileHandle', '../workspaceFiles'], message: `core/${folder} may not import from the folders above it (see ARCHITECTURE.md).` },
          ],
        },
      ],
    },
  })),
  {
    // The custom protocol is types and method names only, so the client, the server and the webview
    // can all import it without pulling in each other's runtime (type imports between its modules are fine).
    files: ['protocol/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['*', '!vscode-languageserver-protocol', '!vscode-jsonrpc'], allowTypeImports: true }] }],
    },
  },
);
