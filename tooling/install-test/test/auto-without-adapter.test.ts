// @multiproc/auto installed without any adapter (its optional peers): npm install of the auto and
// core tarballs alone into a plain project. Importing it fails with an AdapterNotFoundError that
// names the package to install, on every runtime, never with a bare "cannot find package".
import { cp, mkdir, readdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { binaryVersion, type Runtime, runtimes } from "@multiproc/runtimes";
import { beforeAll, describe, inject, it } from "vitest";
import { cleanEnv } from "./support/clean-env.ts";
import { realBinary } from "./support/real-binary.ts";
import { describeOutcome, type Outcome, runCommand, runOrThrow } from "./support/run-command.ts";

const userProject = inject("userProject");
const packed = inject("packed");
const app = join(dirname(userProject), "auto-without-adapters");

const installCommand = {
  node: "npm i @multiproc/node",
  deno: "deno add npm:@multiproc/deno",
  bun: "bun add @multiproc/bun",
};

beforeAll(async () => {
  await mkdir(app, { recursive: true });
  const manifest = { name: "auto-without-adapters", version: "1.0.0", private: true, type: "module" };
  await writeFile(join(app, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  await cp(new URL("../fixtures/no-adapter-app/", import.meta.url), app, { recursive: true });
  const tarballs = ["@multiproc/auto", "@multiproc/core"].map((name) => {
    const found = packed.find((p) => p.name === name);
    if (!found) throw new Error(`${name} was not packed`);
    return found.tarball;
  });
  const args = ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...tarballs];
  await runOrThrow("npm", args, { cwd: app, env: cleanEnv(), timeoutMs: 180_000 });
});

it("npm installed @multiproc/auto without its optional peers, the adapters", async ({ expect }) => {
  expect((await readdir(join(app, "node_modules", "@multiproc"))).sort()).toEqual(["auto", "core"]);
});

function run(runtime: Runtime, script: string): Promise<Outcome> {
  if (binaryVersion(runtime) === null) throw new Error(`${runtime.id}: no binary at ${runtime.binary}`);
  return runCommand(realBinary(runtime), runtime.argv(script, []), {
    cwd: app,
    env: cleanEnv(),
    timeoutMs: 30_000,
  });
}

describe.concurrent("@multiproc/auto without the runtime's adapter", () => {
  for (const runtime of runtimes) {
    const adapter = `@multiproc/${runtime.name}`;

    it(`${runtime.id}: the import throws an AdapterNotFoundError naming ${adapter}`, async ({ expect }) => {
      const outcome = await run(runtime, "catches.mjs");
      expect(outcome.code, describeOutcome(outcome)).toBe(0);
      const seen = JSON.parse(outcome.stdout.trim().split("\n").at(-1) ?? "");
      expect(seen).toEqual({
        name: "AdapterNotFoundError",
        isAdapterNotFoundError: true,
        runtime: runtime.name,
        adapter,
        message: expect.stringContaining(installCommand[runtime.name]),
        causeCode: "ERR_MODULE_NOT_FOUND",
      });
    });

    it(`${runtime.id}: a program that imports it stops, saying what to install`, async ({ expect }) => {
      const outcome = await run(runtime, "crashes.mjs");
      expect(outcome.code, describeOutcome(outcome)).not.toBe(0);
      expect(outcome.timedOut).toBe(false);
      expect(outcome.stderr).toContain("AdapterNotFoundError");
      expect(outcome.stderr).toContain(installCommand[runtime.name]);
    });
  }
});
