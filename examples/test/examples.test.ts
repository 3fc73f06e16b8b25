// Every example, run with the command written at its top, on its runtime: exit code 0, the lines
// it should print, and the files it should write (to a fresh temporary folder, removed after).
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { runtimes, workspaceRoot } from "@multiproc/runtimes";
import { afterEach, describe, expect, it } from "vitest";
import { expectationFor } from "./expectations.ts";
import { commandOf, type Outcome, runCommand } from "./run-example.ts";

const examples = join(workspaceRoot, "examples");
const binaryOf = (id: string) => relative(workspaceRoot, runtimes.find((r) => r.id === id)?.binary ?? id);
// How each folder's examples must be started: tsx on the machine's Node 20, Deno's and Bun's
// binaries from the workspace.
const launchers: Record<string, string> = {
  node: "examples/node_modules/.bin/tsx",
  deno: `${binaryOf("deno")} run -A`,
  bun: binaryOf("bun"),
};
// A 2-core machine shared with other test runs: generous, and only there to stop a hang.
const timeoutMs = 90_000;

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "multiproc-examples-test-"));
  dirs.push(dir);
  return dir;
}

function expectSuccess(outcome: Outcome): void {
  // stderr in the message, so that a failure says why.
  expect(outcome, outcome.stderr).toMatchObject({ exitCode: 0, stderr: "" });
}

async function expectFiles(dir: string, files: Record<string, (content: string) => void>): Promise<void> {
  expect((await readdir(dir)).sort()).toEqual(Object.keys(files).sort());
  for (const [name, check] of Object.entries(files)) check(await readFile(join(dir, name), "utf8"));
}

for (const [folder, launcher] of Object.entries(launchers)) {
  const files = (await readdir(join(examples, folder))).filter((f) => f.endsWith(".ts")).sort();

  describe(`examples/${folder}`, () => {
    it("has examples", () => expect(files.length).toBeGreaterThan(0));

    for (const file of files) {
      const program = file.replace(/\.ts$/, "");
      it(`${program}: its Run command runs it on ${folder} and it does what it says`, {
        timeout: timeoutMs + 10_000,
      }, async () => {
        const command = await commandOf(join(examples, folder, file));
        expect(command).toBe(`${launcher} examples/${folder}/${file}`);

        const dir = await freshDir();
        const expected = expectationFor(program, dir);
        const outcome = await runCommand(command, { env: { MULTIPROC_EXAMPLES_DIR: dir }, timeoutMs });
        expectSuccess(outcome);

        const lines = outcome.stdout.trimEnd().split("\n");
        expect(lines).toHaveLength(expected.lines.length);
        expected.lines.forEach((want, i) => {
          if (typeof want === "string") expect(lines[i]).toBe(want);
          else expect(lines[i]).toMatch(want);
        });
        await expectFiles(dir, expected.files);
      });
    }
  });
}

it("an example writes to the folder given as its argument, ahead of the environment", {
  timeout: timeoutMs + 10_000,
}, async () => {
  const [given, fromEnv] = [await freshDir(), await freshDir()];
  const command = await commandOf(join(examples, "node", "process.ts"));
  const outcome = await runCommand(command, {
    args: [given],
    env: { MULTIPROC_EXAMPLES_DIR: fromEnv },
    timeoutMs,
  });
  expectSuccess(outcome);
  await expectFiles(given, expectationFor("process", given).files);
  expect(await readdir(fromEnv)).toEqual([]);
});
