#!/usr/bin/env node
// multiproc-build is written in TypeScript (src/build.ts); this runs its build. The file exists
// before any build, so pnpm links the command at install time, on a fresh clone too.
await import("../dist/build.js");
