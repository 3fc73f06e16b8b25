import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The suite starts real workers; on a busy machine a start-up can take a while.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
