// pnpm release: a dry run of the next release by default; --publish does it for real.
import { fileURLToPath } from "node:url";
import { dryRun } from "../dry-run.ts";
import { publish } from "../publish.ts";
import { formatTable } from "../table.ts";

const usage = `Usage: pnpm release [--keep] | pnpm release --publish | pnpm release --help

Default, a dry run: clones HEAD into a temporary folder, copies in the working tree's
changesets (committed or not), installs from the lockfile (pnpm's store only, no scripts),
runs \`changeset version\`, sets each packages/*/jsr.json "version" to its package.json's,
builds and packs every public package under packages/, and checks that
  - each version moved as the changesets say (changesets' own plan, and at least the bump
    each package is named with),
  - no packed package.json holds a "workspace:" range,
  - dependencies between @multiproc packages name the new versions,
  - every jsr.json has its package.json's version.
Prints package, old → new version, tarball and size; exits 1 on any problem. The working
tree is never touched.

  --keep      leave the clone and the tarballs in the temporary folder, and print where
  --publish   the release for real, in this repository: refuses unless the git tree is
              clean and changesets ask for a release; changeset version, jsr.json
              versions, build, pack and the same checks (nothing is published if one
              fails), a commit "Release <package>@<version>, …", pnpm publish -r
              --access public (npm login needed), changeset tag. Then push:
              git push --follow-tags.
              Not exercised by the tests, and never tried where it was written:
              trying it means publishing for real. Watch its first use.
  --help      this text`;

const args = process.argv.slice(2);
const known = ["--keep", "--publish", "--help", "-h"];
const unknown = args.filter((arg) => !known.includes(arg));
if (args.includes("--help") || args.includes("-h") || unknown.length) {
  if (unknown.length) console.error(`unknown option: ${unknown.join(" ")}\n`);
  console.log(usage);
  process.exit(unknown.length ? 2 : 0);
}

// This file runs as tooling/release/dist/cli/release.js.
const root = fileURLToPath(new URL("../../../..", import.meta.url));
try {
  if (args.includes("--publish")) {
    publish({ root });
  } else {
    const result = dryRun({ root, keep: args.includes("--keep") });
    console.log(`\nDry run of commit ${result.head} with ${result.changesets.length} changesets:\n`);
    console.log(formatTable(result.rows));
    if (result.dir) console.log(`\nclone and tarballs kept in ${result.dir}`);
    if (result.problems.length) {
      console.error(`\n${result.problems.length} problems:\n- ${result.problems.join("\n- ")}`);
      process.exit(1);
    }
    console.log("\nNo problems: nothing was published (pnpm release --publish does it).");
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
