import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'build/**/*.test.ts',
      'electron/**/*.test.ts',
      'archive/**/*.test.ts',
      'tests/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    // Real SQLite files and real child processes: give slow machines room, never time the product.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { CHEDANG_VALIDATE_OUTPUT: '1' },
    // CI totals passes and failures from this report (.ci/summarise.mjs).
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
