// The API reference in docs/api/, generated from the packages' TSDoc comments.
//   node tooling/docs/dist/api.js           regenerates docs/api/ (`pnpm docs:api`, after a build)
//   node tooling/docs/dist/api.js --check   changes nothing; exits 1 when a public export has no
//                                           comment or docs/api/ differs from a fresh generation
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { differences } from "./compare.ts";
import { generateApiDocs } from "./generate.ts";

// This file runs as tooling/docs/dist/api.js.
const root = fileURLToPath(new URL("../../..", import.meta.url));
const committed = join(root, "docs/api");
const check = process.argv.includes("--check");

// TypeDoc names files relative to the working directory: run from the root, wherever called from.
process.chdir(root);

async function main(): Promise<number> {
  // The check generates beside, into a temporary folder, so it never touches docs/api/.
  const out = check ? await mkdtemp(join(tmpdir(), "multiproc-api-")) : committed;
  try {
    let failed = false;
    const problems = await generateApiDocs(out);
    if (problems > 0) {
      failed = true;
      console.error(`${problems} problem(s) above: give each public export listed a TSDoc comment.`);
    }
    const stale = check ? await differences(out, committed) : [];
    if (stale.length > 0) {
      failed = true;
      console.error("docs/api/ is not what the comments generate:");
      for (const line of stale) console.error(`  docs/api/${line}`);
      console.error("Run `pnpm docs:api` and commit docs/api/.");
    }
    if (!failed) console.log(check ? "docs/api/ is complete and up to date." : "docs/api/ regenerated.");
    return failed ? 1 : 0;
  } finally {
    if (check) await rm(out, { recursive: true, force: true });
  }
}

process.exitCode = await main();
