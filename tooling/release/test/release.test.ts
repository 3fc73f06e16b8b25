// pnpm release's dry run, run for real on this repository: a clone of HEAD, installed, versioned,
// built and packed. A changeset added to the clone only (core: major, runtimes: minor) makes the
// expected versions known whatever other changesets are pending.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareVersions } from "../src/changesets.ts";
import { dryRun } from "../src/dry-run.ts";
import { publish } from "../src/publish.ts";
import { checkPackedManifest } from "../src/verify.ts";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const release = fileURLToPath(new URL("../dist/cli/release.js", import.meta.url));
const testChangeset = "zz-release-test.md";
const extraChangesets = {
  [testChangeset]:
    '---\n"@multiproc/core": major\n"@multiproc/runtimes": minor\n---\n\nOnly in the release test\'s clone.\n',
};
/** The packages that depend on core (the conformance suite as a peer). */
const onCore = [
  "@multiproc/auto",
  "@multiproc/bench",
  "@multiproc/browser",
  "@multiproc/bullmq",
  "@multiproc/bun",
  "@multiproc/conformance",
  "@multiproc/deno",
  "@multiproc/node",
];
// The test runner (tooling/runtimes) is published too, and depends on no other package of ours.
const publicPackages = [...onCore, "@multiproc/core", "@multiproc/runtimes"].sort();

/** The package.json inside a tarball, read with tar here rather than with the script's own helper. */
const manifestIn = (tarball: string) =>
  JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }));

describe("pnpm release, dry run", () => {
  let result: ReturnType<typeof dryRun>;
  const versionIn = (file: string) => JSON.parse(readFileSync(join(root, file), "utf8")).version;
  const watched = ["packages/core/package.json", "packages/core/jsr.json"];
  const versionsBefore = watched.map(versionIn);

  beforeAll(() => {
    result = dryRun({ root, keep: true, extraChangesets, log: () => {} });
  }, 120_000);
  afterAll(() => {
    if (result?.dir) rmSync(result.dir, { recursive: true, force: true });
  });

  const row = (name: string) => result.rows.find((r) => r.name === name);

  it("packs every public package, and finds no problem", () => {
    expect(result.rows.map((r) => r.name)).toEqual(publicPackages);
    for (const r of result.rows) expect(existsSync(r.tarball)).toBe(true);
    expect(result.problems).toEqual([]);
  });

  it("bumps core to its next major, as the added changeset says", () => {
    const core = row("@multiproc/core");
    const major = Number(core?.from.split(".")[0]);
    expect(core?.to).toBe(`${major + 1}.0.0`);
  });

  it("bumps every package that depends on core", () => {
    for (const name of onCore) {
      const r = row(name);
      expect(compareVersions(r?.to ?? "", r?.from ?? ""), name).toBeGreaterThan(0);
    }
  });

  it("bumps the test runner to its next minor, as the added changeset says", () => {
    const runtimes = row("@multiproc/runtimes");
    const [major, minor] = (runtimes?.from ?? "").split(".").map(Number);
    expect(runtimes?.to).toBe(`${major}.${(minor ?? 0) + 1}.0`);
  });

  it("leaves no workspace: range in any tarball, and the adapters depend on core's new version", () => {
    const core = row("@multiproc/core")?.to;
    for (const r of result.rows) {
      const manifest = manifestIn(r.tarball);
      expect(manifest.version).toBe(r.to);
      expect(JSON.stringify(manifest), r.name).not.toContain("workspace:");
      if (!onCore.includes(r.name)) continue;
      // The adapters depend on core; the conformance suite takes it as a peer (one copy of the errors).
      const range =
        manifest.dependencies?.["@multiproc/core"] ?? manifest.peerDependencies?.["@multiproc/core"];
      // ^V or V for a dependency; >=V for a peer ranged ">=0.0.0 <1", which changesets moves on
      // only when core leaves its range (a major), so that a minor of core bumps no peer to 1.0.0
      expect(range, r.name).toMatch(new RegExp(`^(?:\\^|>=)?${(core ?? "").replaceAll(".", "\\.")}$`));
    }
  });

  it("ships built JavaScript: the packed exports point into dist/", () => {
    for (const r of result.rows) {
      expect(manifestIn(r.tarball).exports["."].types, r.name).toMatch(/^\.\/dist\/.*\.d\.ts$/);
    }
  });

  it("gives each jsr.json its package's new version", () => {
    for (const name of ["core", "deno"]) {
      const jsr = JSON.parse(readFileSync(join(result.dir ?? "", "repo/packages", name, "jsr.json"), "utf8"));
      expect(jsr.version, name).toBe(row(`@multiproc/${name}`)?.to);
    }
  });

  it("leaves the working tree alone", () => {
    expect(existsSync(join(root, ".changeset", testChangeset))).toBe(false);
    expect(watched.map(versionIn)).toEqual(versionsBefore);
  });
});

describe("the packed package.json check", () => {
  const versions = { "@multiproc/core": "0.2.0", "@multiproc/node": "0.2.0" };

  it("reports a workspace: range left in", () => {
    const manifest = {
      name: "@multiproc/node",
      version: "0.2.0",
      dependencies: { "@multiproc/core": "workspace:*" },
    };
    expect(checkPackedManifest(manifest, versions)).toEqual([
      '@multiproc/node: dependencies.@multiproc/core is still "workspace:*"',
    ]);
  });

  it("reports a sibling package at an old version", () => {
    const manifest = {
      name: "@multiproc/node",
      version: "0.2.0",
      dependencies: { "@multiproc/core": "^0.1.0" },
    };
    expect(checkPackedManifest(manifest, versions)).toEqual([
      '@multiproc/node: dependencies.@multiproc/core is "^0.1.0", not the new version 0.2.0',
    ]);
  });

  it("takes a peer span that holds the new version, and reports one that does not", () => {
    const manifest = (range: string) => ({
      name: "@multiproc/auto",
      version: "0.2.0",
      peerDependencies: { "@multiproc/node": range },
    });
    const all = { ...versions, "@multiproc/auto": "0.2.0" };
    expect(checkPackedManifest(manifest(">=0.0.0 <1"), all)).toEqual([]);
    expect(checkPackedManifest(manifest(">=0.2.0"), all)).toEqual([]);
    expect(checkPackedManifest(manifest(">=0.3.0 <1"), all)).toEqual([
      '@multiproc/auto: peerDependencies.@multiproc/node is ">=0.3.0 <1", not the new version 0.2.0',
    ]);
    expect(checkPackedManifest(manifest(">=0.0.0 <0.2"), all)).toHaveLength(1);
  });
});

describe("pnpm release --help", () => {
  it("prints the usage, the --publish caveat included, and exits 0", () => {
    const run = spawnSync(process.execPath, [release, "--help"], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("--publish");
    expect(run.stdout).toContain("Not exercised by the tests");
  });

  it("refuses an unknown option", () => {
    const run = spawnSync(process.execPath, [release, "--publsh"], { encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown option: --publsh");
  });
});

describe("pnpm release --publish", () => {
  it("refuses a git tree with uncommitted changes before doing anything", () => {
    const repo = mkdtempSync(join(tmpdir(), "multiproc-dirty-"));
    execFileSync("git", ["init", "--quiet"], { cwd: repo });
    writeFileSync(join(repo, "uncommitted.txt"), "x");
    try {
      expect(() => publish({ root: repo, log: () => {} })).toThrow(
        /needs a clean git tree[\s\S]*uncommitted\.txt/,
      );
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
