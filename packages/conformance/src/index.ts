/**
 * The behaviour every adapter must show, as one call that registers the vitest tests for an
 * adapter and a kind:
 *
 * ```ts
 * import { testAdapter } from "@multiproc/conformance";
 * import { Pool, Process } from "@multiproc/node";
 * import { nodeAdapter } from "@multiproc/node/adapter";
 * testAdapter({ adapter: nodeAdapter, Pool, Process, kind: "process" });
 * ```
 *
 * @module @multiproc/conformance
 */
import { describe } from "vitest";
import { type ConformanceTarget, Context } from "./context.ts";
import { twoCoresProblem } from "./one-core.ts";
import { apiTests } from "./suites/api.ts";
import { badInputTests } from "./suites/bad-input.ts";
import { batchingTests } from "./suites/batching.ts";
import { failureTests } from "./suites/failures.ts";
import { lifecycleTests } from "./suites/lifecycle.ts";
import { memoryTests } from "./suites/memory.ts";
import { processTests } from "./suites/process.ts";
import { progressTests } from "./suites/progress.ts";
import { reliabilityTests } from "./suites/reliability.ts";
import { schedulingTests } from "./suites/scheduling.ts";
import { statsAndEventsTests } from "./suites/stats-events.ts";
import { talkQueueTests, talkRefusedTests } from "./suites/talk-queues.ts";
import { talkSyncTests } from "./suites/talk-sync.ts";

export type { AnyPool, Capability, ConformanceTarget, PoolClass, ProcessClass } from "./context.ts";
export { fixtures } from "./context.ts";
export { countPosts, type Posting } from "./count-posts.ts";
export {
  type HostCapability,
  type HostEnv,
  type HostProcesses,
  type HostTools,
  type ScratchFiles,
  serverHost,
  type TestHost,
  webHost,
} from "./host.ts";
export {
  type ProgramName,
  type ProgramRuntime,
  type ProgramsTarget,
  testPrograms,
} from "./programs/index.ts";

/**
 * Each test's time limit, ms, in place of vitest's 5 s. Many tests start, fail and restart
 * workers (a module that throws at import: six worker processes). On a loaded 2-core machine (CI
 * runs two packages' suites at once) that test took 5.1 s on BullMQ's kind "process", against a
 * median of 0.8 s; others reached 3.8 s. A hang still fails, in 20 s.
 */
const TEST_TIMEOUT_MS = 20_000;

/**
 * Registers, in the calling vitest file, the whole behaviour suite for one adapter and kind: the
 * Pool API, FIFO scheduling, task and worker failures, bad input, close/join/terminate, and
 * Process. Tests for a capability the target lists as `unsupported` show as skipped, with the reason.
 */
export function testAdapter(target: ConformanceTarget): void {
  const twoCores = twoCoresProblem(target);
  if (twoCores) throw new Error(twoCores);
  const ctx = new Context(target);
  describe(`${ctx.name} adapter, kind "${target.kind}"`, { timeout: TEST_TIMEOUT_MS }, () => {
    describe("Pool API", () => apiTests(ctx));
    describe("FIFO scheduling and options", () => schedulingTests(ctx));
    describe("task and worker failures", () => failureTests(ctx));
    describe("bad input", () => badInputTests(ctx));
    describe("close, join, terminate", () => lifecycleTests(ctx));
    describe("faults: start-up deaths, exits, signals, failing sources", () => reliabilityTests(ctx));
    describe("answers sent together, kills mid-batch, Process start-up faults", () => batchingTests(ctx));
    describe("progress of a task and of a bulk call", () => progressTests(ctx));
    describe("stats and events", () => statsAndEventsTests(ctx));
    describe("maxMemory", () => memoryTests(ctx));
    const noProcess = ctx.lacks("process");
    describe.skipIf(!!noProcess)(noProcess ? `Process [not applicable: ${noProcess}]` : "Process", () =>
      processTests(ctx),
    );
    // The talking objects are shared memory: workers of kind "thread" share it, processes cannot.
    const noTalk =
      noProcess ??
      ctx.lacks("talk") ??
      (target.kind === "process"
        ? 'shared memory cannot reach another process: kind "process" refuses these objects (tested below)'
        : undefined);
    describe.skipIf(!!noTalk)(
      noTalk
        ? `Queue, Pipe [not applicable: ${noTalk}]`
        : "Queue, JoinableQueue, Pipe (CPython's _TestQueue, _TestConnection)",
      () => talkQueueTests(ctx),
    );
    describe.skipIf(!!noTalk)(
      noTalk
        ? `Lock, Semaphore, Condition, Event, Value, SharedArray, Barrier [not applicable: ${noTalk}]`
        : "Lock, Semaphore, Condition, Event, Value, SharedArray, Barrier (CPython's _TestLock … _TestBarrier)",
      () => talkSyncTests(ctx),
    );
    if (target.kind === "process" && !noProcess && !ctx.lacks("talk"))
      describe("Queue, Lock, … refused for kind process", () => talkRefusedTests(ctx));
  });
}
