// A target whose Pool comes from another copy of core is named as such before any test runs.
import { bindAdapter } from "@multiproc/core/adapter";
import { inProcessAdapter as adapter } from "@multiproc/core/in-process";
import { describe, expect, it } from "vitest";
import { twoCoresProblem } from "../src/one-core.ts";

describe("one copy of core", () => {
  it("a Pool built on the kit's core passes", () => {
    const { Pool } = bindAdapter(adapter);
    expect(twoCoresProblem({ adapter, Pool, kind: "thread" })).toBeUndefined();
  });

  it("a Pool from another copy of core is named, with what to do", () => {
    class OtherCorePool {} // what a second copy's Pool looks like from here: not our Pool's subclass
    const problem = twoCoresProblem({ adapter, Pool: OtherCorePool as never, kind: "thread" });
    expect(problem).toMatch(/two copies of @multiproc\/core are installed/);
    expect(problem).toMatch(/npm dedupe/);
  });
});
