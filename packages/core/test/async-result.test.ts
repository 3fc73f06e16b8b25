import { describe, expect, it } from "vitest";
import { AsyncResult, InvalidStateError, TimeoutError } from "../src/index.ts";

const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe("AsyncResult", () => {
  it("is pending, then fulfilled, and thenable", async () => {
    const r = new AsyncResult(later(20, "v"), "t");
    expect(r.ready()).toBe(false);
    expect(() => r.successful()).toThrow(InvalidStateError);
    expect(await r).toBe("v");
    expect(r.ready()).toBe(true);
    expect(r.successful()).toBe(true);
  });

  it("get({ timeout }) rejects with TimeoutError naming the task, and a later get() still resolves", async () => {
    const r = new AsyncResult(later(80, 1), "slowTask");
    const error = await r.get({ timeout: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/slowTask/);
    expect(await r.get()).toBe(1);
  });

  it("keeps a failure for get() without an unhandled rejection", async () => {
    const r = new AsyncResult(Promise.reject(new Error("kept")));
    await r.wait();
    expect(r.ready()).toBe(true); // as Python's: ready once the call has ended, either way
    expect(r.successful()).toBe(false);
    await expect(r.get()).rejects.toThrow("kept");
  });
});
