// @multiproc/auto in a Deno project without package.json or node_modules, installed as its README
// says (`deno add npm:@multiproc/auto npm:@multiproc/deno`), from the packed tarballs served by a
// loopback registry: Deno's own npm resolver must find the optional peer, the Deno adapter, and,
// in a project that added only auto, fail with the AdapterNotFoundError that names the command.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { type Runtime, selectRuntimes } from "@multiproc/runtimes";
import { afterAll, beforeAll, describe, inject, it } from "vitest";
import { cleanEnv } from "./support/clean-env.ts";
import { type LocalRegistry, startLocalRegistry } from "./support/local-registry.ts";
import { realBinary } from "./support/real-binary.ts";
import { describeOutcome, runCommand, runOrThrow } from "./support/run-command.ts";

const packed = inject("packed");
const root = join(dirname(inject("userProject")), "deno-projects");
const deno: Runtime = selectRuntimes(["deno"])[0] ?? missing("deno");

function missing(id: string): never {
  throw new Error(`no ${id} in the runtime table`);
}

const tasks = "export const square = (x: number): number => x * x;\n";
const main = `import { adapterPackage, Pool } from "@multiproc/auto";
const pool = new Pool<typeof import("./tasks.ts")>({ module: new URL("./tasks.ts", import.meta.url), workers: 2 });
const map = await pool.map("square", [1, 2, 3]);
pool.close();
await pool.join();
console.log(JSON.stringify({ adapterPackage, map }));
`;

let registry: LocalRegistry;
const env = () => ({
  ...cleanEnv(),
  NPM_CONFIG_REGISTRY: registry.url,
  // Deno's cache of this run only: nothing from the machine's, nothing left in it
  DENO_DIR: join(root, "deno-dir"),
  DENO_NO_UPDATE_CHECK: "1",
});

/** A folder with deno.json, tasks.ts and main.ts, and the packages `deno add`ed. */
async function denoProject(name: string, packages: string[]): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "deno.json"), "{}\n");
  await writeFile(join(dir, "tasks.ts"), tasks);
  await writeFile(join(dir, "main.ts"), main);
  const add = packages.map((p) => `npm:${p}`);
  await runOrThrow(realBinary(deno), ["add", ...add], { cwd: dir, env: env(), timeoutMs: 120_000 });
  return dir;
}

beforeAll(async () => {
  registry = await startLocalRegistry(packed);
});
afterAll(async () => {
  await registry?.close();
});

describe.concurrent("@multiproc/auto in a Deno project (deno.json, no node_modules)", () => {
  it("with the Deno adapter added beside it, runs a pool on Deno's adapter", async ({ expect }) => {
    const dir = await denoProject("with-adapter", ["@multiproc/auto", "@multiproc/deno"]);
    const outcome = await runCommand(realBinary(deno), ["run", "-A", "main.ts"], {
      cwd: dir,
      env: env(),
      timeoutMs: 60_000,
    });
    expect(outcome.code, describeOutcome(outcome)).toBe(0);
    expect(JSON.parse(outcome.stdout.trim().split("\n").at(-1) ?? "")).toEqual({
      adapterPackage: "@multiproc/deno",
      map: [1, 4, 9],
    });
  });

  it("with auto alone, stops with an AdapterNotFoundError naming `deno add npm:@multiproc/deno`", async ({
    expect,
  }) => {
    const dir = await denoProject("auto-alone", ["@multiproc/auto"]);
    const outcome = await runCommand(realBinary(deno), ["run", "-A", "main.ts"], {
      cwd: dir,
      env: env(),
      timeoutMs: 60_000,
    });
    expect(outcome.code, describeOutcome(outcome)).not.toBe(0);
    expect(outcome.timedOut).toBe(false);
    expect(outcome.stderr).toContain("AdapterNotFoundError");
    expect(outcome.stderr).toContain("deno add npm:@multiproc/deno");
  });
});
