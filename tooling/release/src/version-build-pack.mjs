// The release itself, in a repository given: read what the changesets ask for, apply it
// (`changeset version`), carry the versions into jsr.json, build, pack each public package, and
// check every tarball. The dry run does this in a clone, --publish in the repository.
import { basename, join } from "node:path";
import { namedBumps, releasePlan } from "./changesets.mjs";
import { packedManifest, packPackage } from "./pack.mjs";
import { publicPackages, readJson } from "./packages.mjs";
import { syncJsrVersions } from "./sync-manifest-versions.mjs";
import { checkJsrVersions, checkPackedManifest, checkVersions } from "./verify.mjs";

/**
 * @returns {{ rows: { name: string, from: string, to: string, tarball: string, size: number,
 *   manifest: object }[], problems: string[], plan: object[] }}
 */
export function versionBuildPack(repo, { pnpm, tarballDir, log }) {
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

  log(`▶ build ${packages.map((p) => p.name).join(", ")}`);
  pnpm(["-r", ...packages.flatMap((p) => ["--filter", p.name]), "run", "build"], repo);

  log("▶ pack");
  const problems = [
    ...checkVersions({ packages, before, after, plan, named }),
    ...checkJsrVersions(packages),
  ];
  const rows = packages.map((pkg) => {
    const { tarball, size } = packPackage(pkg, tarballDir, pnpm);
    const manifest = packedManifest(tarball);
    problems.push(...checkPackedManifest(manifest, after));
    return { name: pkg.name, from: before[pkg.name], to: after[pkg.name], tarball, size, manifest };
  });
  return { rows, problems, plan };
}

function versionsOf(packages) {
  return Object.fromEntries(packages.map((p) => [p.name, readJson(join(p.dir, "package.json")).version]));
}
