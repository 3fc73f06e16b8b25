// The release itself, in a repository given: read what the changesets ask for, apply it
// (`changeset version`), carry the versions into jsr.json and templates/adapter's ranges, build,
// pack each public package, and check every tarball. The dry run does this in a clone, --publish
// in the repository.
import { basename, join } from "node:path";
import { namedBumps, type PlannedRelease, releasePlan } from "./changesets.ts";
import { packedManifest, packPackage } from "./pack.ts";
import { type PublicPackage, publicPackages, readJson } from "./packages.ts";
import type { Pnpm } from "./pnpm.ts";
import { syncJsrVersions } from "./sync-manifest-versions.ts";
import { syncTemplateRanges } from "./sync-template-ranges.ts";
import type { TableRow } from "./table.ts";
import { checkJsrVersions, checkPackedManifest, checkVersions, type Versions } from "./verify.ts";

/** A package of the release: the table's row, and the package.json in its tarball. */
export interface ReleaseRow extends TableRow {
  manifest: Record<string, unknown>;
}

/** What a release did: one row per package, the problems found, changesets' plan. */
export interface ReleaseResult {
  rows: ReleaseRow[];
  problems: string[];
  plan: PlannedRelease[];
}

/** Versions, builds and packs every public package of `repo` into `tarballDir`, and checks them. */
export function versionBuildPack(
  repo: string,
  { pnpm, tarballDir, log }: { pnpm: Pnpm; tarballDir: string; log: (line: string) => void },
): ReleaseResult {
  const packages = publicPackages(repo);
  const before = versionsOf(packages);
  const named = namedBumps(join(repo, ".changeset"));
  const plan = releasePlan(repo, pnpm);

  log("▶ changeset version");
  pnpm(["exec", "changeset", "version"], repo);
  const synced = syncJsrVersions(packages);
  if (synced.length)
    log(`  jsr.json versions synced: ${synced.map((f) => basename(join(f, ".."))).join(", ")}`);
  const after = versionsOf(packages);
  const templates = syncTemplateRanges(repo, after);
  if (templates.length)
    log(`  template ranges synced: ${templates.map((f) => basename(join(f, ".."))).join(", ")}`);

  // "name..." also builds what each depends on first: multiproc-build itself (@multiproc/tsconfig).
  log(`▶ build ${packages.map((p) => p.name).join(", ")}`);
  pnpm(["-r", ...packages.flatMap((p) => ["--filter", `${p.name}...`]), "run", "build"], repo);

  log("▶ pack");
  const problems = [
    ...checkVersions({ packages, before, after, plan, named }),
    ...checkJsrVersions(packages),
  ];
  const rows = packages.map((pkg) => {
    const { tarball, size } = packPackage(pkg, tarballDir, pnpm);
    const manifest = packedManifest(tarball);
    problems.push(...checkPackedManifest(manifest, after));
    const [from, to] = [before[pkg.name] ?? "", after[pkg.name] ?? ""];
    return { name: pkg.name, from, to, tarball, size, manifest };
  });
  return { rows, problems, plan };
}

function versionsOf(packages: PublicPackage[]): Versions {
  return Object.fromEntries(
    packages.map((p) => [p.name, (readJson(join(p.dir, "package.json")) as { version: string }).version]),
  );
}
