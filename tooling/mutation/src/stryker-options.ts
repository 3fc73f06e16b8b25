// StrykerJS on @multiproc/core with core's own vitest suite. run.ts writes these into the copy of
// packages/core (src + test) it makes in a temp folder, as stryker.config.json, so paths here are
// relative to that copy.

/** The part of Stryker's options set here (Stryker is installed outside the workspace, untyped). */
export interface StrykerOptions {
  testRunner: string;
  plugins: string[];
  mutate: string[];
  coverageAnalysis: "off" | "all" | "perTest";
  concurrency: number;
  timeoutFactor: number;
  timeoutMS: number;
  reporters: string[];
  clearTextReporter: { reportTests: boolean; reportMutants: boolean; maxTestsToLog: number };
  jsonReporter: { fileName: string };
  htmlReporter: { fileName: string };
  thresholds: { high: number; low: number; break: number | null };
  cleanTempDir: "always" | boolean;
}

export const strykerOptions: StrykerOptions = {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  // Only the files that hold behaviour; the rest re-export or declare types.
  mutate: ["src/**/*.ts", "!src/index.ts", "!src/adapter-api.ts", "!src/worker-api.ts", "!src/types.ts"],
  coverageAnalysis: "perTest",
  // Two cores, shared with other test runs: one or two mutants at a time (run.ts passes --concurrency).
  concurrency: 2,
  // The property test replays hundreds of runs: give a slowed mutant room before calling it a timeout.
  timeoutFactor: 2,
  timeoutMS: 10_000,
  reporters: ["clear-text", "progress", "json", "html"],
  // The score table only: run.ts prints the survivors in one line each.
  clearTextReporter: { reportTests: false, reportMutants: false, maxTestsToLog: 0 },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  thresholds: { high: 80, low: 60, break: null },
  cleanTempDir: "always",
};
