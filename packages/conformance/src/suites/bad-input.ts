// Bad input gets a clear, typed error, never a hang.
import {
  InvalidArgumentError,
  ModuleLoadError,
  PoolClosedError,
  SerializationError,
  UnknownTaskError,
} from "@multiproc/core";
import { expect, it } from "vitest";
import { type Context, fixtures } from "../context.ts";

export function badInputTests(ctx: Context): void {
  it("a module that does not exist rejects with ModuleLoadError naming it", async () => {
    const pool = ctx.pool({ module: fixtures.missing });
    const error = await pool.apply("square", [1]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleLoadError);
    expect((error as Error).message).toMatch(/no-such-module\.mjs/);
    // Short, with what to do: the import's stack would only bury it.
    expect((error as Error).stack).not.toMatch(/worker stack/);
  });

  it("a .ts module under dist/ that is not there says how a compiled program should name it", async () => {
    const pool = ctx.pool({ module: new URL("./dist/tasks.ts", ctx.host.tasks) });
    const error = await pool.apply("square", [1]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleLoadError);
    expect((error as Error).message).toMatch(/compiled to dist\/ still names the \.ts source/);
  });

  it("a module that throws on import rejects with ModuleLoadError carrying its message", async () => {
    const pool = ctx.pool({ module: fixtures.throwsOnImport });
    await expect(pool.apply("square", [1])).rejects.toThrow(/this module refuses to load/);
    await expect(pool.map("square", [1, 2])).rejects.toBeInstanceOf(ModuleLoadError);
  });

  it("an export that is not there rejects with UnknownTaskError listing the exports", async () => {
    const pool = ctx.pool();
    const error = await pool.apply("cube", [2]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownTaskError);
    expect((error as UnknownTaskError).available).toContain("square");
    expect((error as Error).message).toMatch(/"cube"/);
  });

  it("arguments that cannot be sent reject with SerializationError; the pool goes on", async () => {
    const pool = ctx.pool();
    const error = await pool.apply("echo", [() => 1]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SerializationError);
    expect((error as SerializationError).direction).toBe("arguments");
    expect(await pool.apply("square", [6])).toBe(36);
  });

  // Some runtimes' clone errors name no value (Bun: "The object can not be cloned").
  it("a SerializationError for arguments says which argument, or which item of a chunk", async () => {
    const pool = ctx.pool();
    const fails = (call: Promise<unknown>) => call.catch((e: unknown) => e);
    const second = await fails(pool.apply("add", [1, () => 2]));
    expect(second).toBeInstanceOf(SerializationError);
    expect((second as Error).message).toMatch(/: argument 1 cannot be cloned \(/);
    const item = await fails(pool.map("echo", [1, 2, () => 3], { chunksize: 3 }));
    expect(item).toBeInstanceOf(SerializationError);
    expect((item as Error).message).toMatch(/: item 2 of its chunk cannot be cloned \(/);
    const list = await fails(
      pool.starmap(
        "add",
        [
          [1, 2],
          [3, () => 4],
        ],
        { chunksize: 2 },
      ),
    );
    expect(list).toBeInstanceOf(SerializationError);
    expect((list as Error).message).toMatch(/: argument 1 of item 1 of its chunk cannot be cloned \(/);
    expect(await pool.apply("square", [5])).toBe(25);
  });

  it("a result that cannot be sent rejects with SerializationError saying it is the result", async () => {
    const pool = ctx.pool();
    const error = await pool.apply("returnFunction").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SerializationError);
    expect((error as SerializationError).direction).toBe("result");
    expect((error as Error).message).toMatch(/the result cannot be sent/);
    expect(await pool.apply("square", [2])).toBe(4);
  });

  it("a closed pool refuses new tasks with PoolClosedError", async () => {
    const pool = ctx.pool();
    pool.close();
    await expect(pool.apply("square", [1])).rejects.toBeInstanceOf(PoolClosedError);
  });

  it("invalid options and arguments throw InvalidArgumentError", async () => {
    const make = (options: object) => () => ctx.makePool({ module: ctx.host.tasks, ...options });
    expect(make({ workers: 0 })).toThrow(InvalidArgumentError);
    expect(make({ concurrency: 1.5 })).toThrow(/concurrency must be a positive integer/);
    expect(make({ kind: "fiber" })).toThrow(/kind must be one of/);
    expect(make({ maxQueue: -1 })).toThrow(InvalidArgumentError);
    expect(make({ prefetch: -1 })).toThrow(/prefetch must be an integer/);
    const base = ctx.host.moduleBase;
    if (base)
      expect(ctx.target.adapter.resolveModule("./relative.mjs")).toBe(new URL("./relative.mjs", base).href);
    else expect(() => ctx.makePool({ module: "./relative.mjs" })).toThrow(/relative/);
    const pool = ctx.pool();
    // @ts-expect-error: args must be an array
    await expect(pool.apply("square", 3)).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(pool.apply("square", [1], { timeout: -5 })).rejects.toThrow(/timeout must be/);
    await expect(pool.map("square", [1], { chunksize: 0 })).rejects.toThrow(/chunksize/);
    // @ts-expect-error: items must be iterable
    await expect(pool.map("square", 5)).rejects.toThrow(/iterable/);
  });

  it("an option that does not exist (a typo) is refused, naming the nearest known option", async () => {
    const make = (options: object) => () => ctx.makePool({ module: ctx.host.tasks, ...options });
    expect(make({ maxTaskPerWorker: 5 })).toThrow(InvalidArgumentError);
    expect(make({ maxTaskPerWorker: 5 })).toThrow(
      /no option "maxTaskPerWorker": did you mean "maxTasksPerWorker"\?/,
    );
    const pool = ctx.pool();
    await expect(pool.apply("square", [1], { timout: 50 } as never)).rejects.toThrow(
      /did you mean "timeout"/,
    );
    await expect(pool.map("square", [1], { chunkSize: 5 } as never)).rejects.toThrow(
      /did you mean "chunksize"/,
    );
  });
}
