#!/usr/bin/env node
// multiproc-build is written in TypeScript (src/build.ts); this runs its build. The file exists
// before any build, so pnpm links the command at install time, on a fresh clone too; before the
// first build it says what to run instead of failing with a stack trace.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const built = new URL("../dist/build.js", import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  console.error(
    "multiproc-build is not built yet (no tooling/tsconfig/dist): run `npx -y pnpm@12.4.2 build` at the workspace root, which builds it first.",
  );
  process.exit(1);
}
await import(built.href);
