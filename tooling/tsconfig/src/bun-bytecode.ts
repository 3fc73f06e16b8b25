// Bun's worker entries, compiled to bytecode at build time ("multiproc.bunBytecode"): Bun then
// skips parsing them at every worker start. Measured here (Bun 1.4.5, interleaved): a Web Worker
// on the 21 kB thread entry first answers after 2.6 ms as text and 1.8 ms as bytecode, an empty
// worker 1.7 ms. Outside `bun build --compile`, Bun keeps bytecode only for CommonJS, so the
// bundle becomes CommonJS (its first line `// @bun @bytecode @bun-cjs`) with `<name>.js.jsc`
// beside it. A Bun of another version, or a file changed since, ignores the `.jsc` and parses the
// text as before. The source map maps into the esbuild bundle, whose text it carries (the
// TypeScript sources' map is not composed into it).
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

/** Replaces each bundled entry with its CommonJS twin and the twin's bytecode; returns the `.jsc` files. */
export function compileBunBytecode(files: readonly string[], bun = findBun()): string[] {
  const written: string[] = [];
  for (const file of files) {
    const out = mkdtempSync(join(tmpdir(), "multiproc-bytecode-"));
    try {
      const run = spawnSync(
        bun,
        [
          "build",
          file,
          "--target=bun",
          "--format=cjs",
          "--bytecode",
          "--sourcemap=linked",
          // The bundle's only relative imports are lazy `import()`s of its chunks and of the
          // package's own files (see bundle-entries.ts): they stay files of their own.
          "--external",
          "./*",
          "--external",
          "../*",
          "--outdir",
          out,
        ],
        { encoding: "utf8" },
      );
      if (run.error || run.status !== 0) {
        const why = run.error?.message ?? `${run.stderr}${run.stdout}`.trim();
        throw new Error(
          `multiproc.bunBytecode: \`${bun} build\` failed for ${file} (Bun is the workspace's devDependency "bun": run pnpm install): ${why}`,
        );
      }
      const name = basename(file);
      const code = readFileSync(join(out, name), "utf8");
      if (!code.startsWith("// @bun @bytecode") || !existsSync(join(out, `${name}.jsc`)))
        throw new Error(`multiproc.bunBytecode: Bun wrote no bytecode for ${file}`);
      // A static require of a relative file would be one more module at every start.
      const required = /\brequire\(\s*["']\.\.?\//.exec(code);
      if (required)
        throw new Error(
          `multiproc.bunBytecode: ${file} became a CommonJS file that requires ${required[0]}…`,
        );
      for (const suffix of ["", ".jsc"]) copyFileSync(join(out, name + suffix), file + suffix);
      // The map names its source by a path from the temporary folder; it carries that source's
      // text (the ESM bundle), so a name of its own is all it needs.
      const map = JSON.parse(readFileSync(join(out, `${name}.map`), "utf8")) as { sources: string[] };
      map.sources = [name.replace(/\.js$/, ".esm.js")];
      writeFileSync(`${file}.map`, JSON.stringify(map));
      written.push(`${file}.jsc`);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  return written;
}
