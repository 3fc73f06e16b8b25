import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // every spawned command has its own, shorter limit; these only bound a test as a whole
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // concurrent tests start programs that start workers: 3 at a time is plenty for 2 cores
    maxConcurrency: 3,
  },
});
