// multiproc-test as an adapter author gets it: installed from its tarball into the user project,
// run in a package there (fixtures/runner-app) with the user's PATH. It finds Node 20 on PATH;
// Node 24, Deno and Bun are not installed there, so it reports them, and runs them only when named
// by MULTIPROC_NODE24 / MULTIPROC_DENO.
import { cp, readdir } from "node:fs/promises";
import { join } from "node:path";
import { selectRuntimes } from "@multiproc/runtimes";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { cleanEnv } from "./support/clean-env.ts";
import { describeOutcome, type Outcome, runCommand } from "./support/run-command.ts";

const userProject = inject("userProject");
const app = join(userProject, "runner-app");

beforeAll(async () => {
  await cp(new URL("../fixtures/runner-app/", import.meta.url), app, { recursive: true });
});

function runRunner(env: Record<string, string> = {}): Promise<Outcome> {
  const bin = join(userProject, "node_modules", ".bin", "multiproc-test");
  return runCommand(bin, [], { cwd: app, env: { ...cleanEnv(), ...env }, timeoutMs: 90_000 });
}

describe("the installed multiproc-test", () => {
  it("runs the tests on the Node on PATH, and reports the runtimes it cannot find", async () => {
    const outcome = await runRunner();
    const message = describeOutcome(outcome);
    expect(outcome.code, message).toBe(0);
    expect(outcome.stdout, message).toMatch(/✓ runner-app on node20 20\.\d+\.\d+: 1 passed, 0 failed/);
    for (const id of ["node24", "deno", "bun"]) {
      expect(outcome.stderr, message).toContain(`- runner-app on ${id}: not installed, skipped: no `);
    }
    expect(outcome.stderr, message).toContain("set MULTIPROC_NODE24 to a Node 24 binary");
    expect((await readdir(join(app, ".test-results"))).sort()).toEqual(["node20.json", "node20.time.json"]);
  });

  it("runs Node 24 and Deno from MULTIPROC_NODE24 and MULTIPROC_DENO", async () => {
    const [node24, deno] = selectRuntimes(["node24", "deno"]);
    const env = {
      MULTIPROC_RUNTIMES: "node24,deno",
      MULTIPROC_NODE24: node24?.binary ?? "",
      MULTIPROC_DENO: deno?.binary ?? "",
    };
    const outcome = await runRunner(env);
    const message = describeOutcome(outcome);
    expect(outcome.code, message).toBe(0);
    expect(outcome.stdout, message).toMatch(/✓ runner-app on node24 24\.\d+\.\d+: 1 passed/);
    expect(outcome.stdout, message).toMatch(/✓ runner-app on deno 2\.\d+\.\d+: 1 passed/);
  });

  it("fails, saying where it looked, when a runtime it is asked for is missing", async () => {
    const outcome = await runRunner({ MULTIPROC_RUNTIMES: "bun" });
    const message = describeOutcome(outcome);
    expect(outcome.code, message).toBe(1);
    expect(outcome.stderr, message).toContain(
      "✗ runner-app on bun: missing: no bun in $MULTIPROC_BUN, in node_modules/.bin of",
    );
  });
});
