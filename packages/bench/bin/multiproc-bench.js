#!/usr/bin/env node
// multiproc-bench is written in TypeScript (src/cli.ts); this runs its build. The file exists
// before any build, so pnpm links the command at install time, on a fresh clone too.
await import("../dist/cli.js");
