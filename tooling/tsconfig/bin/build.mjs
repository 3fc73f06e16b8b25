#!/usr/bin/env node
// A library package's build: tsc emits dist/ from src/ (tsconfig.build.json), then relative
// imports in the emitted .d.ts files get the .js extension their .js twins already have. tsc
// rewrites `./x.ts` to `./x.js` in JavaScript but leaves declarations as written, which Deno and
// older TypeScript settings cannot resolve once the package is installed.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const tsc = createRequire(join(process.cwd(), "package.json")).resolve("typescript/bin/tsc");
const run = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { stdio: "inherit" });
if (run.status !== 0) process.exit(run.status ?? 1);

const relativeTs = /(from\s+|import\(\s*)(["'])(\.{1,2}\/[^"']+?)\.([cm]?)ts\2/g;
let rewritten = 0;
for (const entry of readdirSync("dist", { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.d\.[cm]?ts$/.test(entry.name)) continue;
  const file = join(entry.parentPath, entry.name);
  const before = readFileSync(file, "utf8");
  const after = before.replace(
    relativeTs,
    (_m, lead, quote, path, flavour) => `${lead}${quote}${path}.${flavour}js${quote}`,
  );
  if (after !== before) {
    writeFileSync(file, after);
    rewritten++;
  }
}
console.log(`built dist/ (${rewritten} declaration files given .js imports)`);
