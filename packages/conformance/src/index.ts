// @multiproc/conformance: the behaviour every adapter must show, as one call that registers the
// vitest tests for an adapter and a kind:
//
//   import { testAdapter } from "@multiproc/conformance";
//   testAdapter({ adapter: nodeAdapter, kind: "process" });
import { describe } from "vitest";
import { type ConformanceTarget, Context } from "./context.ts";
import { apiTests } from "./suites/api.ts";
import { badInputTests } from "./suites/bad-input.ts";
import { failureTests } from "./suites/failures.ts";
import { lifecycleTests } from "./suites/lifecycle.ts";
import { processTests } from "./suites/process.ts";
import { schedulingTests } from "./suites/scheduling.ts";

export type { Capability, ConformanceTarget } from "./context.ts";
export { fixtures } from "./context.ts";

export function testAdapter(target: ConformanceTarget): void {
  describe(`${target.adapter.name} adapter, kind "${target.kind}"`, () => {
    const ctx = new Context(target);
    describe("Pool API", () => apiTests(ctx));
    describe("FIFO scheduling and options", () => schedulingTests(ctx));
    describe("task and worker failures", () => failureTests(ctx));
    describe("bad input", () => badInputTests(ctx));
    describe("close, join, terminate", () => lifecycleTests(ctx));
    const noProcess = target.unsupported?.process;
    describe.skipIf(!!noProcess)(noProcess ? `Process [not applicable: ${noProcess}]` : "Process", () =>
      processTests(ctx),
    );
  });
}
