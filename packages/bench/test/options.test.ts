// The command line: defaults filled in, and each bad value refused with a message naming the option.
import { describe, expect, it } from "vitest";
import { parseOptions, UsageError } from "../src/options.ts";

const base = ["--module", "./tasks.ts", "--task", "spin"];

describe("parseOptions", () => {
  it("fills in the defaults", () => {
    expect(parseOptions([...base, "--range", "10"])).toMatchObject({
      range: 10,
      runtimes: ["node", "deno", "bun"],
      kinds: ["thread", "process"],
      modes: ["map", "imap", "process", "main"],
      repetitions: 5,
      warmup: 1,
      runtimePaths: {},
    });
  });

  it("reads lists, numbers, --args and --runtime-path", () => {
    const options = parseOptions([
      ...base,
      ...["--args", "[1, 2]", "--workers", "4,1,2,2", "--runtimes", "bun,node", "--modes", "map"],
      ...["--runtime-path", "bun=/opt/bun", "--runtime-path", "python=/usr/bin/python3"],
    ]);
    expect(options).toMatchObject({
      args: [1, 2],
      workers: [1, 2, 4],
      runtimes: ["bun", "node"],
      modes: ["map"],
      runtimePaths: { bun: "/opt/bun", python: "/usr/bin/python3" },
    });
  });

  it.for([
    [["--task", "spin", "--range", "3"], "--module is required"],
    [["--module", "m.ts", "--range", "3"], "--task is required"],
    [base, "give the items: --input FILE"],
    [
      [...base, "--range", "3", "--args", "[1]"],
      "give one of --input, --range and --args, not --range and --args",
    ],
    [[...base, "--range", "0"], "--range: 0 is not a whole number ≥ 1"],
    [[...base, "--range", "3", "--workers", "0"], "--workers: 0 is not a whole number ≥ 1"],
    [
      [...base, "--range", "3", "--runtimes", "node,rhino"],
      "--runtimes: rhino is not one of node, deno, bun",
    ],
    [[...base, "--args", "{}"], "--args must be a JSON array, but it holds an object"],
    [[...base, "--args", "[1"], "--args is not valid JSON"],
    [[...base, "--range", "3", "--runtime-path", "bun"], "--runtime-path bun: expected ID=PATH"],
    [[...base, "--range", "3", "--python", "tasks.py"], "--python tasks.py: expected FILE.py:FUNCTION"],
    [[...base, "--range", "3", "--colour"], "Unknown option '--colour'"],
  ] as const)("refuses %j: %s", ([argv, message]) => {
    expect(() => parseOptions([...argv])).toThrow(UsageError);
    expect(() => parseOptions([...argv])).toThrow(message);
  });
});
