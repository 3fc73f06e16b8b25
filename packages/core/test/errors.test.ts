import { describe, expect, it } from "vitest";
import { moduleUrl } from "../src/adapter-api.ts";
import { QueueFullError, TaskError, UnknownTaskError, WorkerExitError } from "../src/index.ts";
import { serializeError } from "../src/worker-api.ts";

describe("errors", () => {
  it("name the task and the module in their messages", () => {
    const e = new UnknownTaskError({ task: "cube", module: "file:///t.mjs" }, ["square"]);
    expect(e.name).toBe("UnknownTaskError");
    expect(e.message).toBe(
      'no function export of that name; the module\'s function exports: square (task "cube" in file:///t.mjs)',
    );
    expect(new QueueFullError(3, { task: "t" }).message).toMatch(/3 tasks .* \(task "t"\)/);
    expect(new WorkerExitError(null, "SIGKILL").message).toMatch(/killed by SIGKILL/);
  });

  it("TaskError re-creates the remote name, message, code and stack", () => {
    const remote = serializeError(Object.assign(new TypeError("bad"), { code: "E_BAD" }));
    const e = new TaskError(remote, { task: "t", module: "m" });
    expect([e.name, e.message, e.code]).toEqual(["TypeError", "bad", "E_BAD"]);
    expect(e.stack).toContain("TypeError: bad");
    expect(serializeError("str")).toEqual({ name: "Error", message: 'non-Error value thrown: "str"' });
  });
});

describe("moduleUrl", () => {
  it("keeps URLs, turns absolute paths into file: URLs and refuses relative paths", () => {
    expect(moduleUrl(new URL("file:///a/b.mjs"))).toBe("file:///a/b.mjs");
    expect(moduleUrl("/tmp/my tasks#1.mjs")).toBe("file:///tmp/my%20tasks%231.mjs");
    expect(moduleUrl("data:text/javascript,export%20const%20a=1")).toMatch(/^data:/);
    expect(() => moduleUrl("./tasks.mjs")).toThrow(/relative: pass new URL/);
  });
});
