/**
 * The behaviour every adapter must show, as one call that registers the vitest tests for an
 * adapter and a kind:
 *
 * ```ts
 * import { testAdapter } from "@multiproc/conformance";
 * testAdapter({ adapter: nodeAdapter, kind: "process" });
 * ```
 *
 * @module @multiproc/conformance
 */
import { describe } from "vitest";
import { type ConformanceTarget, Context } from "./context.ts";
import { apiTests } from "./suites/api.ts";
import { badInputTests } from "./suites/bad-input.ts";
import { batchingTests } from "./suites/batching.ts";
import { failureTests } from "./suites/failures.ts";
import { lifecycleTests } from "./suites/lifecycle.ts";
import { processTests } from "./suites/process.ts";
import { reliabilityTests } from "./suites/reliability.ts";
import { schedulingTests } from "./suites/scheduling.ts";

export type { Capability, ConformanceTarget, PoolClass, ProcessClass } from "./context.ts";
export { fixtures } from "./context.ts";
export {
  type ProgramName,
  type ProgramRuntime,
  type ProgramsTarget,
  testPrograms,
} from "./programs/index.ts";

/**
 * Registers, in the calling vitest file, the whole behaviour suite for one adapter and kind: the
 * Pool API, FIFO scheduling, task and worker failures, bad input, close/join/terminate, and
 * Process. Tests for a capability the target lists as `unsupported` show as skipped, with the reason.
 */
export function testAdapter(target: ConformanceTarget): void {
  describe(`${target.name} adapter, kind "${target.kind}"`, () => {
    const ctx = new Context(target);
    describe("Pool API", () => apiTests(ctx));
    describe("FIFO scheduling and options", () => schedulingTests(ctx));
    describe("task and worker failures", () => failureTests(ctx));
    describe("bad input", () => badInputTests(ctx));
    describe("close, join, terminate", () => lifecycleTests(ctx));
    describe("faults: start-up deaths, exits, signals, failing sources", () => reliabilityTests(ctx));
    describe("answers sent together, kills mid-batch, Process start-up faults", () => batchingTests(ctx));
    const noProcess = target.unsupported?.process;
    describe.skipIf(!!noProcess)(noProcess ? `Process [not applicable: ${noProcess}]` : "Process", () =>
      processTests(ctx),
    );
  });
}
