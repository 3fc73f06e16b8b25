#!/usr/bin/env node
// multiproc-test is written in TypeScript (src/cli/test-on-runtimes.ts); this runs its build. The
// file exists before any build, so pnpm links the command at install time, on a fresh clone too;
// before the first build it says what to run instead of failing with a stack trace.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const built = new URL("../dist/cli/test-on-runtimes.js", import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  console.error(
    "multiproc-test is not built yet (no tooling/runtimes/dist): run `npx -y pnpm@12.4.2 build` at the workspace root once (`pnpm test` there builds first), then test again.",
  );
  process.exit(1);
}
await import(built.href);
