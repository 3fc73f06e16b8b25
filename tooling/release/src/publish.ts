// `pnpm release --publish`: the release for real, in the repository. It refuses a dirty tree (the
// commit it makes must hold the version bump and nothing else) and publishes only when the same
// checks as the dry run pass on the packed tarballs.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { releasePlan } from "./changesets.ts";
import { pinnedPnpm } from "./pnpm.ts";
import { run } from "./run.ts";
import { formatTable } from "./table.ts";
import { versionBuildPack } from "./version-build-pack.ts";

/** The release for real in `root` (see the file's comment); throws on any problem. */
export function publish({ root, log = console.error }: { root: string; log?: (line: string) => void }): void {
  const dirty = run("git", ["status", "--porcelain"], { cwd: root }).trim();
  if (dirty) throw new Error(`--publish needs a clean git tree; commit or stash first:\n${dirty}`);
  const pnpm = pinnedPnpm(root);
  if (!releasePlan(root, pnpm).some((release) => release.type !== "none")) {
    throw new Error("no changesets ask for a release: nothing to publish");
  }
  const tarballDir = mkdtempSync(join(tmpdir(), "multiproc-publish-"));
  try {
    const { rows, problems } = versionBuildPack(root, { pnpm, tarballDir, log });
    console.log(formatTable(rows));
    if (problems.length) {
      throw new Error(
        `nothing published; the version bump is left in the working tree to inspect (git checkout . && git clean -fd undoes it):\n- ${problems.join("\n- ")}`,
      );
    }
    const released = rows.filter((row) => row.from !== row.to).map((row) => `${row.name}@${row.to}`);
    log("▶ git commit");
    run("git", ["add", "-A"], { cwd: root });
    run("git", ["commit", "--quiet", "-m", `Release ${released.join(", ")}`], { cwd: root });
    log("▶ pnpm publish -r --access public");
    pnpm(["publish", "-r", "--access", "public"], root, { visible: true });
    pnpm(["exec", "changeset", "tag"], root);
    log("Published. Push the release commit and its tags: git push --follow-tags");
  } finally {
    rmSync(tarballDir, { recursive: true, force: true });
  }
}
