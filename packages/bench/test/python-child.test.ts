// The Python child (src/python/bench_child.py) on its own: python3 with one JSON argument, one
// result line. A check lists the file's functions; each mode runs the calls and is timed; a task
// that throws is reported with its item, in a pool and in one Process per item.
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { RESULT_PREFIX } from "../src/child/protocol.ts";
import { type PythonSpec, pythonScript } from "../src/python.ts";

const python = (() => {
  try {
    execFileSync("python3", ["--version"], { stdio: "ignore" });
    return "python3";
  } catch {
    return undefined;
  }
})();

const file = fileURLToPath(new URL("./fixtures/tasks.py", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "bench-python-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function ask(spec: Partial<PythonSpec>, calls: unknown[][] = []): Promise<Record<string, unknown>> {
  const callsFile = join(dir, `calls-${Math.random()}.json`);
  writeFileSync(callsFile, JSON.stringify(calls));
  const full = {
    op: "run",
    mode: "main",
    workers: 2,
    file,
    function: "square",
    single: true,
    callsFile,
    ...spec,
  };
  let out: string;
  try {
    ({ stdout: out } = await promisify(execFile)(python as string, [pythonScript, JSON.stringify(full)], {
      encoding: "utf8",
      timeout: 60_000,
    }));
  } catch (error) {
    out = (error as { stdout: string }).stdout; // exit code 3: a failure, still one result line
  }
  const line = out.split("\n").find((l) => l.startsWith(RESULT_PREFIX)) as string;
  return JSON.parse(line.slice(RESULT_PREFIX.length));
}

describe
  .skipIf(!python)
  .concurrent(`the Python child${python ? "" : " (skipped: no python3 on PATH)"}`, () => {
    it("lists the file's functions, classes and dunders left out", async () => {
      expect(await ask({ op: "check" })).toEqual({
        ok: true,
        exports: ["NotATask", "add", "fails", "square"],
        functions: ["add", "fails", "square"],
      });
    });

    it.for(["main", "map", "imap", "process"] as const)("runs every call in mode %s, timed", async (mode) => {
      const result = await ask({ mode }, [[1], [2], [3]]);
      expect(result).toMatchObject({ ok: true, stats: null });
      expect(result.ms).toBeGreaterThan(0);
      expect(result.ownPeakKiB).toBeGreaterThan(1000);
    });

    it("calls with several arguments through starmap", async () => {
      expect(
        await ask({ mode: "map", function: "add", single: false }, [
          [1, 2],
          [3, 4],
        ]),
      ).toMatchObject({ ok: true });
    });

    it.for(["main", "map", "process"] as const)(
      "names the item whose call threw, in mode %s",
      async (mode) => {
        const result = await ask({ mode, function: "fails" }, [[0], [1], [2], [3], [4]]);
        expect(result).toMatchObject({
          ok: false,
          phase: "task",
          item: 3,
          error: { name: "ValueError", message: "item 3 is bad" },
        });
      },
    );

    it("says the file cannot be imported, and why", async () => {
      const broken = join(dir, "broken.py");
      writeFileSync(broken, "def f(:\n");
      expect(await ask({ op: "check", file: broken })).toMatchObject({
        ok: false,
        phase: "module",
        error: { name: "SyntaxError" },
      });
    });
  });
