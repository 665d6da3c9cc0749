import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['sdk/**/*.test.ts', 'core/**/*.test.ts', 'plugins/*/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests share one PostgreSQL/Redis/MQTT; each file uses its own database schema and
    // topics, so files may run in parallel, but two workers are all this 2-core machine has.
    maxWorkers: 2,
  },
});
