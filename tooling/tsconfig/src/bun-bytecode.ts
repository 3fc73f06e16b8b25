// Bun's worker entries, compiled to bytecode at build time ("multiproc.bunBytecode" names which):
// Bun then skips parsing them at every worker start. Measured here (Bun 1.4.5, interleaved): a Web Worker
// on the 21 kB thread entry first answers after 2.6 ms as text and 1.8 ms as bytecode, an empty
// worker 1.7 ms. Outside `bun build --compile`, Bun keeps bytecode only for CommonJS, so the
// bundle becomes CommonJS (its first line `// @bun @bytecode @bun-cjs`) with `<name>.js.jsc`
// beside it. A Bun of another version, or a file changed since, ignores the `.jsc` and parses the
// text as before. Only for entries Bun alone loads: Node or Deno would define the CommonJS
// wrapper and never call it.
//
// The ES module ran in strict mode; the CommonJS twin is given "use strict" so it still does. It
// has no source map: Bun applies a linked map to stack traces, and one into the bundle would name
// a file the package does not ship (esbuild's map of the TypeScript is not composed into it), so
// frames name dist/<name>.js itself, as they did before.
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";

/** The workspace's Bun (the devDependency `bun`), else one on PATH. */
export function findBun(from = process.cwd()): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const local = join(dir, "node_modules", ".bin", "bun");
    if (existsSync(local)) return local;
    if (dirname(dir) === dir) return "bun";
  }
}

/** Replaces each bundled entry given with its CommonJS twin and the twin's bytecode; returns the `.jsc` files. */
export function compileBunBytecode(files: readonly string[], bun = findBun()): string[] {
  const written: string[] = [];
  for (const file of files) {
    const out = mkdtempSync(join(tmpdir(), "multiproc-bytecode-"));
    try {
      const name = basename(file);
      const strict = join(out, "strict", name);
      mkdirSync(dirname(strict));
      writeFileSync(strict, `"use strict";\n${readFileSync(file, "utf8")}`);
      const run = spawnSync(
        bun,
        [
          "build",
          strict,
          "--target=bun",
          "--format=cjs",
          "--bytecode",
          // The bundle's only relative imports are lazy `import()`s of its chunks and of the
          // package's own files (see bundle-entries.ts): they stay files of their own.
          "--external",
          "./*",
          "--external",
          "../*",
          "--outdir",
          join(out, "built"),
        ],
        { encoding: "utf8" },
      );
      if (run.error || run.status !== 0) {
        const why = run.error?.message ?? `${run.stderr}${run.stdout}`.trim();
        throw new Error(
          `multiproc.bunBytecode: \`${bun} build\` failed for ${file} (Bun is the workspace's devDependency "bun": run pnpm install): ${why}`,
        );
      }
      const built = join(out, "built", name);
      const code = readFileSync(built, "utf8");
      if (!code.startsWith("// @bun @bytecode") || !existsSync(`${built}.jsc`))
        throw new Error(`multiproc.bunBytecode: Bun wrote no bytecode for ${file}`);
      // A static require of a relative file would be one more module at every start.
      const required = /\brequire\(\s*["']\.\.?\//.exec(code);
      if (required)
        throw new Error(
          `multiproc.bunBytecode: ${file} became a CommonJS file that requires ${required[0]}…`,
        );
      if (!/^\(function\([^)]*\) \{"use strict";/m.test(code))
        throw new Error(`multiproc.bunBytecode: Bun dropped "use strict" from ${file}`);
      for (const suffix of ["", ".jsc"]) copyFileSync(built + suffix, file + suffix);
      rmSync(`${file}.map`, { force: true }); // esbuild's, of the ES module no longer shipped
      written.push(`${file}.jsc`);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  return written;
}
