// How calls are cut into jobs, and when (batching.ts), without Redis.
import { describe, expect, it } from "vitest";
import { BatchPolicy, jobOf, type Outgoing, planJobs } from "../src/batching.ts";

const call = (id: number, batchable = true, size = 30): Outgoing<{ id: number; fn: string }> => ({
  call: { id, fn: "square" },
  data: { f: "square", a: [id], c: 0 },
  size,
  batchable,
});
const ids = (jobs: Outgoing<{ id: number }>[][]) => jobs.map((job) => job.map((item) => item.call.id));

describe("planJobs", () => {
  it("cuts a run of batchable calls into even jobs of at most perJob calls, in order", () => {
    const calls = Array.from({ length: 10 }, (_, i) => call(i));
    expect(ids(planJobs(calls, 4, 1e6))).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(ids(planJobs(calls, 1, 1e6))).toEqual(calls.map((c) => [c.call.id]));
  });

  it("gives every other call a job of its own, and never moves a call past another", () => {
    const calls = [call(0), call(1), call(2, false), call(3), call(4), call(5)];
    expect(ids(planJobs(calls, 10, 1e6))).toEqual([[0, 1], [2], [3, 4, 5]]);
  });

  it("keeps each job's JSON within maxPayload", () => {
    const calls = Array.from({ length: 10 }, (_, i) => call(i, true, 300));
    const jobs = planJobs(calls, 10, 1000);
    expect(ids(jobs).flat()).toEqual(calls.map((c) => c.call.id));
    for (const job of jobs) {
      const json = JSON.stringify(jobOf(job).data);
      const size = job.length === 1 ? 300 : 8 + job.length * 300 + job.length - 1;
      expect(size).toBeLessThanOrEqual(1000);
      expect(json.startsWith(job.length === 1 ? '{"f"' : '{"b":[')).toBe(true);
    }
    expect(jobs.length).toBe(4); // three calls of 300 fit in 1000, four do not
  });
});

describe("jobOf", () => {
  it("sends one call as it is, several as a batch in order", () => {
    expect(jobOf([call(7)])).toEqual({ name: "square", data: { f: "square", a: [7], c: 0 } });
    expect(jobOf([call(1), call(2)])).toEqual({
      name: "batch",
      data: { b: [call(1).data, call(2).data] },
    });
  });
});

describe("BatchPolicy", () => {
  it("keeps a job per call until the agents have shown the calls to be short", () => {
    const policy = new BatchPolicy();
    expect(policy.perJob(1000, 1, 1e6)).toBe(1);
    policy.observe({ t: 50 }, 1); // a long call
    expect(policy.perJob(1000, 1, 1e6)).toBe(1);
    for (let i = 0; i < 10; i++) policy.observe({ t: 0.1 }, 1);
    expect(policy.perJob(1000, 1, 1e6)).toBe(250); // four jobs for the one slot
    expect(policy.perJob(1000, 50, 1e6)).toBe(5); // four jobs per slot
    expect(policy.perJob(3, 4, 1e6)).toBe(1); // no more calls than slots
  });

  it("is not swayed by one slow job among quick ones, and follows calls that became long", () => {
    const policy = new BatchPolicy();
    for (let i = 0; i < 10; i++) policy.observe({ t: 0.1 }, 1);
    policy.observe({ t: 400 }, 1); // a pause on a busy host
    expect(policy.perJob(1000, 1, 1e6)).toBeGreaterThan(1);
    for (let i = 0; i < 15; i++) policy.observe({ t: 30 }, 1);
    expect(policy.perJob(1000, 1, 1e6)).toBe(1);
  });

  it("sizes jobs to about 100 ms of work, and their outcomes to half of maxPayload", () => {
    const policy = new BatchPolicy();
    policy.observe({ t: 10, s: 1000 }, 10); // 1 ms and 100 characters a call
    expect(policy.perJob(100_000, 1, 1e9)).toBe(100);
    expect(policy.perJob(100_000, 1, 2000)).toBe(10);
  });
});
