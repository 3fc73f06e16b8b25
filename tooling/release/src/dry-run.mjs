// The default of `pnpm release`: the whole release in a temporary clone of HEAD (with the working
// tree's changesets), up to the tarballs, and nothing published. The working tree is not touched.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cloneHead, mirrorChangesets } from "./clone.mjs";
import { installFromLockfile } from "./install.mjs";
import { pinnedPnpm } from "./pnpm.mjs";
import { versionBuildPack } from "./version-build-pack.mjs";

/**
 * @param {{ root: string, keep?: boolean, extraChangesets?: Record<string, string>,
 *   log?: (line: string) => void }} options  keep: leave the clone and tarballs in place (their
 *   folder is `dir` in the result); extraChangesets: more changesets for the clone only.
 */
export function dryRun({ root, keep = false, extraChangesets = {}, log = console.error }) {
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
