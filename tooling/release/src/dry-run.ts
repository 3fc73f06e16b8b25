// The default of `pnpm release`: the whole release in a temporary clone of HEAD (with the working
// tree's changesets), up to the tarballs, and nothing published. The working tree is not touched.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cloneHead, mirrorChangesets } from "./clone.ts";
import { installFromLockfile } from "./install.ts";
import { pinnedPnpm } from "./pnpm.ts";
import { type ReleaseResult, versionBuildPack } from "./version-build-pack.ts";

/**
 * keep: leave the clone and tarballs in place (their folder is `dir` in the result);
 * extraChangesets: more changesets for the clone only ({ file name: text }).
 */
export interface DryRunOptions {
  root: string;
  keep?: boolean;
  extraChangesets?: Record<string, string>;
  log?: (line: string) => void;
}

/** The dry run's result: the release's, and what it ran on. */
export interface DryRunResult extends ReleaseResult {
  head: string;
  changesets: string[];
  install: "offline" | "prefer-offline";
  dir: string | undefined;
}

/** Clones HEAD, installs, versions, builds and packs there; see DryRunOptions. */
export function dryRun({
  root,
  keep = false,
  extraChangesets = {},
  log = console.error,
}: DryRunOptions): DryRunResult {
  const dir = mkdtempSync(join(tmpdir(), "multiproc-release-"));
  const repo = join(dir, "repo");
  const tarballDir = join(dir, "tarballs");
  mkdirSync(tarballDir);
  const pnpm = pinnedPnpm(root);
  try {
    log(`▶ clone HEAD into ${repo}`);
    const head = cloneHead(root, repo);
    const changesets = mirrorChangesets(root, repo, extraChangesets);
    log(`  commit ${head}; the working tree's ${changesets.length} changesets copied in`);
    log("▶ pnpm install --frozen-lockfile --offline --ignore-scripts");
    const install = installFromLockfile(repo, pnpm, log);
    return {
      head,
      changesets,
      install,
      dir: keep ? dir : undefined,
      ...versionBuildPack(repo, { pnpm, tarballDir, log }),
    };
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}
