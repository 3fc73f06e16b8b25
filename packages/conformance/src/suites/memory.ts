// maxMemory: a runaway task is stopped where its worker can be bounded (its task rejects with
// MemoryLimitError, the worker is replaced, nothing else is touched), and refused up front, with
// the way out, where a runtime cannot bound a kind of worker.
import { InvalidArgumentError, MemoryLimitError, WorkerExitError } from "@multiproc/core";
import { expect, it } from "vitest";
import type { Context } from "../context.ts";

/** Above every runtime's own resident memory, far below what a runaway task reaches. */
const LIMIT_MIB = 256;

export function memoryTests(ctx: Context): void {
  ctx.itWith(
    "memoryLimit",
    "a task past maxMemory rejects with MemoryLimitError; its worker is replaced and the other tasks finish",
    async () => {
      const pool = ctx.pool({ workers: 2, maxMemory: LIMIT_MIB });
      const others = [1, 2, 3].map((x) => pool.apply("sleep", [50, x]));
      const error = await pool.apply("hog").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MemoryLimitError);
      expect(error).toBeInstanceOf(WorkerExitError);
      expect((error as MemoryLimitError).limitMiB).toBe(LIMIT_MIB);
      expect((error as Error).message).toMatch(/maxMemory/);
      expect(await Promise.all(others)).toEqual([1, 2, 3]);
      expect(await pool.map("square", [1, 2, 3, 4])).toEqual([1, 4, 9, 16]);
    },
    60_000,
  );

  ctx.itWith(
    ["memoryLimit", "process"],
    "a Process past maxMemory ends with a non-zero exitCode; its result rejects with MemoryLimitError",
    async () => {
      const p = ctx.process({ target: "hog", maxMemory: LIMIT_MIB });
      p.start();
      await p.join();
      expect(p.exitCode).not.toBe(0);
      expect(p.exitCode).not.toBeNull();
      await expect(p.result).rejects.toBeInstanceOf(MemoryLimitError);
    },
    60_000,
  );

  const lacking = ctx.lacks("memoryLimit");
  it.skipIf(!lacking)(
    `maxMemory is refused up front for a kind the runtime cannot bound, naming kind "process"${lacking ? "" : " [not applicable: this kind can be bounded]"}`,
    () => {
      const make = () => ctx.makePool({ module: ctx.host.tasks, kind: ctx.kind, maxMemory: 128 });
      expect(make).toThrow(InvalidArgumentError);
      expect(make).toThrow(/maxMemory cannot bound/);
      // The way out, where the adapter itself cannot bound this kind and can bound kind "process".
      const { capabilities, kinds } = ctx.target.adapter;
      const byAdapter = typeof capabilities[ctx.kind]?.memoryLimit === "string";
      const processBounded = kinds.includes("process") && capabilities.process?.memoryLimit === true;
      if (byAdapter && ctx.kind !== "process" && processBounded) expect(make).toThrow(/kind "process"/);
      else expect(make).not.toThrow(/kind "process"/);
    },
  );
}
