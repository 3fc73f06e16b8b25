// A thread's "closed" notice becomes the exit every thread adapter reports: the code it told, and
// the uncaught error that ended it, rebuilt with its name.
import { describe, expect, it } from "vitest";
import { exitFromClosed } from "../src/adapter-api.ts";

describe("exitFromClosed", () => {
  it("gives the notice's code, no signal and no error for a plain exit", () => {
    expect(exitFromClosed({ t: "closed", code: 3 })).toEqual({ code: 3, signal: null });
  });

  it("rebuilds the uncaught error the notice names", () => {
    const exit = exitFromClosed({ t: "closed", code: 1, error: { name: "RangeError", message: "too far" } });
    expect(exit.code).toBe(1);
    expect(exit.signal).toBeNull();
    expect(exit.error).toBeInstanceOf(Error);
    expect(exit.error).toMatchObject({ name: "RangeError", message: "too far" });
  });
});
