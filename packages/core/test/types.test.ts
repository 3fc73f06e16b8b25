// Type-level: a Pool typed by its module checks task names, arguments and results.
import { describe, expectTypeOf, it } from "vitest";
import { bindAdapter, type Pool } from "../src/adapter-api.ts";
import { inProcessAdapter } from "../src/in-process-api.ts";
import { type AsyncResult, taskModule } from "../src/index.ts";

type Tasks = {
  square(x: number): number;
  greet(name: string, punctuation?: string): Promise<string>;
  none(): boolean;
  add(a: number, b: number): number;
  notATask: number;
};

describe("types", () => {
  // The body is checked by tsc (pnpm typecheck) and never run: a wrong type fails the typecheck.
  it("check task names, argument types and return types", () => {
    const checks = (pool: Pool<Tasks>) => {
      expectTypeOf(pool.apply("square", [3])).toEqualTypeOf<Promise<number>>();
      expectTypeOf(pool.apply("greet", ["a", "!"])).toEqualTypeOf<Promise<string>>();
      expectTypeOf(pool.apply("none")).toEqualTypeOf<Promise<boolean>>();
      expectTypeOf(pool.applyAsync("square", [1])).toEqualTypeOf<AsyncResult<number>>();
      expectTypeOf(pool.map("square", [1, 2])).toEqualTypeOf<Promise<number[]>>();
      expectTypeOf(pool.starmap("greet", [["a"], ["b", "?"]])).toEqualTypeOf<Promise<string[]>>();
      expectTypeOf(pool.imap("square", [1])).toEqualTypeOf<AsyncGenerator<number>>();
      // @ts-expect-error: not a function export
      void pool.apply("notATask", []);
      // @ts-expect-error: not an export at all
      void pool.apply("cube", [1]);
      // @ts-expect-error: wrong argument type
      void pool.apply("square", ["3"]);
      // @ts-expect-error: map items have the task's argument type
      void pool.map("square", ["a"]);
      // @ts-expect-error: map and imap call a task with one item: a task of two parameters is starmap's
      void pool.map("add", [1, 2]);
      // @ts-expect-error: as imap
      void pool.imap("add", [1]);
      expectTypeOf(pool.map("greet", ["a"])).toEqualTypeOf<Promise<string[]>>(); // a second parameter that is optional
      expectTypeOf(pool.starmap("add", [[1, 2]])).toEqualTypeOf<Promise<number[]>>();
      const { Process } = bindAdapter(inProcessAdapter);
      const p = new Process<Tasks, "greet">({ module: "file:///tasks.mjs", target: "greet", args: ["x"] });
      expectTypeOf(p.result).toEqualTypeOf<Promise<string>>();
      // A module typed by taskModule(): no type arguments, the target's type inferred from `target`.
      const tasks = taskModule<Tasks>("file:///tasks.mjs");
      const typed = new Process({ module: tasks, target: "square", args: [3] });
      expectTypeOf(typed.result).toEqualTypeOf<Promise<number>>();
      // @ts-expect-error: not a task of the module
      void new Process({ module: tasks, target: "cube" });
      // @ts-expect-error: the target's argument types
      void new Process({ module: tasks, target: "square", args: ["3"] });
      const { Pool: BoundPool } = bindAdapter(inProcessAdapter);
      const inferred = new BoundPool({ module: tasks });
      expectTypeOf(inferred).toEqualTypeOf<Pool<Tasks>>();
    };
    expectTypeOf(checks).parameter(0).toEqualTypeOf<Pool<Tasks>>();
  });
});
