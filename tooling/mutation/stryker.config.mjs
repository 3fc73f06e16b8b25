// StrykerJS on @multiproc/core with core's own vitest suite. run.mjs starts it in a copy of
// packages/core (src + test) inside a temp folder, so paths here are relative to that copy.
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  // Only the files that hold behaviour; the rest re-export or declare types.
  mutate: ["src/**/*.ts", "!src/index.ts", "!src/adapter-api.ts", "!src/worker-api.ts", "!src/types.ts"],
  coverageAnalysis: "perTest",
  // Two cores, shared with other test runs: one or two mutants at a time (run.mjs passes --concurrency).
  concurrency: 2,
  // The property test replays hundreds of runs: give a slowed mutant room before calling it a timeout.
  timeoutFactor: 2,
  timeoutMS: 10_000,
  reporters: ["clear-text", "progress", "json", "html"],
  // The score table only: run.mjs prints the survivors in one line each.
  clearTextReporter: { reportTests: false, reportMutants: false, maxTestsToLog: 0 },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  thresholds: { high: 80, low: 60, break: null },
  cleanTempDir: "always",
};
