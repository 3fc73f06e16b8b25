// The built multiproc-test, run in a made-up package outside the workspace: what it runs, what it
// writes, and what it says. The package's test uses vitest's globals (--globals): from a temp
// folder, `import "vitest"` would not resolve, while the runner finds the workspace's vitest.
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { failureLines, readFailedTests } from "../src/failed-tests.ts";
import { selectRuntimes } from "../src/runtimes.ts";
import { readTiming } from "../src/timing.ts";

const runner = fileURLToPath(new URL("../bin/multiproc-test.js", import.meta.url));
const [node20] = selectRuntimes(["node20"]);

function makePackage(manifest: object): string {
  const dir = mkdtempSync(join(tmpdir(), "multiproc-runner-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "sample", ...manifest }));
  writeFileSync(
    join(dir, "sample.test.js"),
    'test("runs", () => expect(process.env.MULTIPROC_RUNTIME_ID).toBe("node20"));\n',
  );
  return dir;
}

function runRunner(dir: string, env: Record<string, string>, vitestArgs: string[] = []) {
  const { MULTIPROC_RUNTIMES: _, ...inherited } = process.env;
  return spawnSync(node20?.binary ?? "node", [runner, "--globals", ...vitestArgs], {
    cwd: dir,
    encoding: "utf8",
    env: { ...inherited, ...env },
  });
}

// The runner is a Node program and this test starts it on Node 20 whichever runtime runs vitest:
// the other hosts would repeat the same runs.
const host = process.env.MULTIPROC_RUNTIME_ID;
const repeated = host !== undefined && host !== "node20";
const title = `multiproc-test${repeated ? ` [skipped on ${host}: it starts the runner on Node 20, as the node20 run does]` : ""}`;

describe.skipIf(repeated)(title, () => {
  it("runs each declared runtime and writes its report and its time", () => {
    const dir = makePackage({ multiproc: { testRuntimes: ["node20"] } });
    const run = runRunner(dir, {});
    expect(run.status, run.stderr).toBe(0);
    const line = /✓ sample on node20 20\.\d+\.\d+: 1 passed, 0 failed, 0 skipped \(exit 0, (\d+\.\d)s\)/;
    expect(run.stdout).toMatch(line);
    expect(existsSync(join(dir, ".test-results", "node20.json"))).toBe(true);
    // The time file holds the run's seconds: more than nothing (vitest started), as the line says.
    const seconds = readTiming(join(dir, ".test-results", "node20.time.json"));
    expect(seconds).toBeGreaterThan(0);
    expect(line.exec(run.stdout)?.[1]).toBe(seconds?.toFixed(1));
    expect(readFileSync(join(dir, ".test-results", "node20.time.json"), "utf8")).toMatch(
      /^\{"seconds":[\d.]+\}\n$/,
    );
  });

  it("has nothing to run when MULTIPROC_RUNTIMES leaves out every declared runtime, and passes", () => {
    const dir = makePackage({ multiproc: { testRuntimes: ["deno"] } });
    const run = runRunner(dir, { MULTIPROC_RUNTIMES: "node20" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      "- sample: none of its runtimes (deno) is in MULTIPROC_RUNTIMES: nothing to run",
    );
  });

  it("refuses an unknown runtime id", () => {
    const dir = makePackage({ multiproc: { testRuntimes: ["rhino"] } });
    const run = runRunner(dir, {});
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      '✗ sample: unknown runtime "rhino"; known: node20, node24, deno, bun, chromium',
    );
  });

  it("before its first build, says what to run instead of failing with a stack trace", () => {
    // The bin alone, as a fresh clone has it: no dist/ beside it.
    const copy = mkdtempSync(join(tmpdir(), "multiproc-unbuilt-"));
    mkdirSync(join(copy, "bin"));
    copyFileSync(runner, join(copy, "bin/multiproc-test.js"));
    const run = spawnSync(node20?.binary ?? "node", [join(copy, "bin/multiproc-test.js")], {
      cwd: makePackage({}),
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("multiproc-test is not built yet");
    expect(run.stderr).toContain("pnpm@12.4.2 build");
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  // Two files that each wait (MEET_MS, from the environment) for the other to start: both pass
  // only when they run at the same time.
  const meetingFiles = (dir: string) => {
    rmSync(join(dir, "sample.test.js"));
    for (const [me, other] of [
      ["a", "b"],
      ["b", "a"],
    ]) {
      writeFileSync(
        join(dir, `${me}.test.js`),
        `import { existsSync, writeFileSync } from "node:fs";
test("meets the other file", async () => {
  writeFileSync("${me}.started", "");
  const until = Date.now() + Number(process.env.MEET_MS);
  while (!existsSync("${other}.started") && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  expect(existsSync("${other}.started")).toBe(true);
}, 60_000);
`,
      );
    }
  };

  it("runs as many files at once as multiproc.testFilesAtOnce says", () => {
    // Together they meet at once: a long wait only leaves room for a slow start.
    const together = makePackage({ multiproc: { testRuntimes: ["node20"], testFilesAtOnce: 2 } });
    meetingFiles(together);
    const both = runRunner(together, { MEET_MS: "20000" });
    expect(both.status, both.stdout).toBe(0);
    expect(both.stdout).toMatch(/✓ sample on node20 [\d.]+: 2 passed, 0 failed/);

    // One by one, the first waits in vain: a short wait.
    const oneByOne = makePackage({ multiproc: { testRuntimes: ["node20"], testFilesAtOnce: 1 } });
    meetingFiles(oneByOne);
    const apart = runRunner(oneByOne, { MEET_MS: "1500" });
    expect(apart.status).toBe(1);
    expect(apart.stdout).toMatch(/✗ sample on node20 [\d.]+: 1 passed, 1 failed/);
  }, 120_000);

  it("leaves --maxWorkers (or --max-workers) on the command line to win over testFilesAtOnce", () => {
    const dir = makePackage({ multiproc: { testRuntimes: ["node20"], testFilesAtOnce: 2 } });
    meetingFiles(dir);
    const run = runRunner(dir, { MEET_MS: "1500" }, ["--max-workers=1"]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/✗ sample on node20 [\d.]+: 1 passed, 1 failed/);
  }, 120_000);

  it("its report names each failed test and why, and a file that failed to load, for the summary's end", () => {
    const dir = makePackage({ multiproc: { testRuntimes: ["node20"] } });
    writeFileSync(
      join(dir, "sample.test.js"),
      `describe("sums", () => {
  test("adds", () => expect(1 + 1).toBe(2));
  test("adds wrong", () => expect(1 + 1, "one and one").toBe(3));
  test("adds too slowly", () => new Promise((resolve) => setTimeout(resolve, 5000)), 300);
});
`,
    );
    writeFileSync(join(dir, "broken.test.js"), 'throw new Error("cannot load: no fixture");\n');
    const run = runRunner(dir, {});
    expect(run.status).toBe(1);
    const failed = readFailedTests(join(dir, ".test-results", "node20.json"), dir);
    expect(failed.map(({ file, name }) => `${file} > ${name}`).sort()).toEqual([
      "broken.test.js > ",
      "sample.test.js > sums adds too slowly",
      "sample.test.js > sums adds wrong",
    ]);
    const lines = failureLines("packages/sample", "node20", failed, 1);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^✗ packages\/sample on node20: sample\.test\.js > sums adds wrong \(\d+\.\d s\)$/,
      ),
    );
    // A timeout, which vitest's report gives no message for: said so, with how long it ran.
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^✗ packages\/sample on node20: sample\.test\.js > sums adds too slowly \(0\.[3-9] s\)$/,
      ),
    );
    expect(lines).toContain(
      "    no message in vitest's report: the way it reports a test that ran past its timeout",
    );
    expect(lines).toContain("✗ packages/sample on node20: broken.test.js (outside any test)");
    expect(lines.join("\n")).toContain("cannot load: no fixture");
    // Of the stack, only the test's own frames: none from inside vitest or the runtime.
    const whole = failureLines("packages/sample", "node20", failed).join("\n");
    expect(whole).toMatch(/ at .*sample\.test\.js:3:/);
    expect(whole).not.toMatch(/node_modules|node:|<anonymous>/);
    // One line of why each, as asked, then where the rest is.
    const why = lines.filter((line) => line.startsWith("    ") && !line.startsWith("    …"));
    expect(why).toHaveLength(3);
    expect(why).toContain("    AssertionError: one and one: expected 2 to be 3 // Object.is equality");
    expect(lines.some((line) => /^ {4}… \d+ more lines? in sample\.test\.js's report$/.test(line))).toBe(
      true,
    );
  });

  it("refuses a testFilesAtOnce that is not a whole number ≥ 1, saying what it got", () => {
    for (const bad of [0, 1.5, "2"]) {
      const run = runRunner(makePackage({ multiproc: { testFilesAtOnce: bad } }), {});
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(
        `✗ sample: package.json multiproc.testFilesAtOnce must be a whole number ≥ 1, not ${JSON.stringify(bad)}`,
      );
    }
    // A --maxWorkers on the command line does not hide it.
    const run = runRunner(makePackage({ multiproc: { testFilesAtOnce: 0 } }), {}, ["--maxWorkers=1"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("multiproc.testFilesAtOnce must be a whole number ≥ 1, not 0");
  });
});
