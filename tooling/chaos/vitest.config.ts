import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each run has its own hang guard (the driver's deadline, then the runner's kill); these
    // only bound a test as a whole. Runs go one at a time: each one loads both cores.
    testTimeout: 240_000,
    fileParallelism: false,
  },
});
