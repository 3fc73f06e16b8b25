// AsyncResult.wait() and get() around a timeout: the result wins when it comes first, and a
// result already there is given at once.
import { describe, expect, it } from "vitest";
import { AsyncResult, TimeoutError } from "../src/index.ts";

const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe("AsyncResult around a timeout", () => {
  it("wait({ timeout }) returns as soon as the result is ready, with the result kept", async () => {
    const r = new AsyncResult(later(5, "v"), "t");
    await r.wait({ timeout: 10_000 });
    expect(r.ready()).toBe(true);
    expect(await r.get({ timeout: 1 })).toBe("v"); // ready: no timer can beat it
  });

  it("wait() without a timeout waits for a failure too, and never rejects", async () => {
    const r = new AsyncResult(Promise.reject(new Error("failed")), "t");
    await expect(r.wait()).resolves.toBeUndefined();
    expect(r.successful()).toBe(false);
  });

  it("get({ timeout }) gives the value when it comes in time, and the task's error when it fails in time", async () => {
    expect(await new AsyncResult(later(5, 7), "t").get({ timeout: 10_000 })).toBe(7);
    const failing = new AsyncResult(
      new Promise((_, reject) => setTimeout(() => reject(new RangeError("task failed")), 5)),
      "t",
    );
    const error = await failing.get({ timeout: 10_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RangeError);
    expect(error).not.toBeInstanceOf(TimeoutError);
  });
});
