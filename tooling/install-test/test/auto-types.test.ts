// A user's TypeScript against the installed @multiproc/auto type-checks as it does against an
// adapter: tsc with Node's types, and deno check (fixtures/user-app/typed-auto.ts: its lines that
// expect a type error make the check fail if Pool were untyped).
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { selectRuntimes } from "@multiproc/runtimes";
import { describe, inject, it } from "vitest";
import { cleanEnv } from "./support/clean-env.ts";
import { realBinary } from "./support/real-binary.ts";
import { describeOutcome, runCommand } from "./support/run-command.ts";

const userProject = inject("userProject");
const installTest = fileURLToPath(new URL("..", import.meta.url));
const options = { cwd: userProject, env: cleanEnv(), timeoutMs: 120_000 };

// A Node user's settings (Node's types, no DOM), with the .ts imports Node 22.18+ runs as they are.
// @types/node is this package's own: the user project has none installed.
const tsconfig = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2023", "ESNext.Disposable"],
    types: ["node"],
    typeRoots: [join(installTest, "node_modules", "@types")],
    strict: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    skipLibCheck: false,
  },
  files: ["typed-auto.ts"],
};

describe.concurrent("a TypeScript program using @multiproc/auto", () => {
  it("type-checks with tsc and Node's types", async ({ expect }) => {
    await writeFile(join(userProject, "tsconfig.auto.json"), JSON.stringify(tsconfig, null, 2));
    const tsc = join(installTest, "node_modules", "typescript", "bin", "tsc");
    const outcome = await runCommand(process.execPath, [tsc, "-p", "tsconfig.auto.json"], options);
    expect(outcome.code, describeOutcome(outcome)).toBe(0);
  });

  it("type-checks with deno check", async ({ expect }) => {
    const [deno] = selectRuntimes(["deno"]);
    if (!deno) throw new Error("no deno in the runtime table");
    const outcome = await runCommand(realBinary(deno), ["check", "typed-auto.ts"], options);
    expect(outcome.code, describeOutcome(outcome)).toBe(0);
  });
});
