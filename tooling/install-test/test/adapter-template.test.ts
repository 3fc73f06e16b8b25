// templates/adapter as an outside contributor gets it: copied out of the repository, its
// @multiproc/* dependencies pointed at the packed tarballs (the rest from the registry, as its
// package.json says), installed with npm, built with its own `tsc`, type-checked, and its
// conformance tests run with `npm test` on the Node on PATH (Node 20): both kinds, none failed.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cleanEnv } from "./support/clean-env.ts";
import { describeOutcome, runCommand, runOrThrow } from "./support/run-command.ts";

const template = new URL("../../../templates/adapter/", import.meta.url);
const packed = inject("packed");

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** The tarball a packed package was written to. */
function tarballOf(name: string): string {
  const pkg = packed.find((p) => p.name === name);
  if (!pkg) throw new Error(`${name} was not packed`);
  return pkg.tarball;
}

describe("templates/adapter copied out of the repository", () => {
  let dir: string;
  let manifest: Manifest;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "multiproc-adapter-template-"));
    // What a contributor copies: the template's own files, not what a local try left in it.
    await cp(template, dir, {
      recursive: true,
      filter: (source) => !/[\\/](node_modules|dist|package-lock\.json)$/.test(source),
    });
    manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as Manifest;
  });

  afterAll(async () => {
    if (dir && !process.env.KEEP_INSTALL_TEST_DIR) await rm(dir, { recursive: true, force: true });
  });

  it("asks for nothing of the monorepo: plain semver ranges, no workspace tooling", async () => {
    const ranges = { ...manifest.dependencies, ...manifest.devDependencies };
    expect(ranges["@multiproc/core"]).toMatch(/^\^\d+\.\d+\.\d+$/);
    expect(ranges["@multiproc/conformance"]).toMatch(/^\^\d+\.\d+\.\d+$/);
    const text = await Promise.all(
      ["package.json", "tsconfig.json", "tsconfig.build.json"].map((f) => readFile(join(dir, f), "utf8")),
    );
    for (const file of text) {
      expect(file).not.toMatch(/workspace:|@multiproc\/tsconfig|@multiproc\/runtimes|multiproc-build/);
    }
  });

  it("installs from the tarballs, builds, type-checks and passes the conformance suite on Node 20", async () => {
    // The one change a contributor would not make: @multiproc/* from the tarballs of this commit.
    const deps = { ...manifest.dependencies, "@multiproc/core": `file:${tarballOf("@multiproc/core")}` };
    const devDeps = {
      ...manifest.devDependencies,
      "@multiproc/conformance": `file:${tarballOf("@multiproc/conformance")}`,
    };
    const pointed = { ...manifest, dependencies: deps, devDependencies: devDeps };
    await writeFile(join(dir, "package.json"), `${JSON.stringify(pointed, null, 2)}\n`);
    const options = { cwd: dir, env: cleanEnv(), timeoutMs: 180_000 };
    await runOrThrow(
      "npm",
      ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"],
      options,
    );

    // npm test builds first, then runs vitest; the JSON report gives the counts.
    const results = join(dir, "results.json");
    const reporters = ["--reporter=dot", "--reporter=json", `--outputFile.json=${results}`];
    const test = await runCommand("npm", ["test", "--", ...reporters], { ...options, timeoutMs: 480_000 });
    expect(test.code, describeOutcome(test)).toBe(0);
    await runOrThrow("npm", ["run", "typecheck"], options);

    const report = JSON.parse(await readFile(results, "utf8")) as {
      numTotalTests: number;
      numPassedTests: number;
      numFailedTests: number;
      testResults: { name: string }[];
    };
    const files = report.testResults.map((r) => r.name.slice(r.name.lastIndexOf("/") + 1)).sort();
    expect(files).toEqual(["conformance-process.test.ts", "conformance-thread.test.ts"]);
    expect(report.numFailedTests, describeOutcome(test)).toBe(0);
    expect(report.numPassedTests).toBeGreaterThan(100);
    console.log(
      `templates/adapter: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ` +
        `${report.numTotalTests - report.numPassedTests - report.numFailedTests} skipped`,
    );
  }, 720_000);
});
