// Everything a packed package refers to, checked against what the tarball holds and what its
// package.json declares. Returns the problems found, one readable line each (none: it is self-contained).
import { readdir, readFile } from "node:fs/promises";
import { builtinModules } from "node:module";
import { join, posix, relative, sep } from "node:path";
import { workspaceRoot } from "@multiproc/runtimes";
import { moduleReferences } from "./module-references.ts";
import type { PackedPackage } from "./pack.ts";

// Referenced on purpose but absent, per package (tarball-relative paths), each with its reason.
const intentionallyMissing: Record<string, string[]> = {
  // the conformance suite's "module that does not exist" case
  "@multiproc/conformance": ["fixtures/no-such-module.mjs"],
};

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const builtFile = /\.(d\.[cm]?ts|[cm]?js)$/;
const declarationFile = /\.d\.[cm]?ts$/;

export async function reachProblems(pkg: PackedPackage): Promise<string[]> {
  const manifest = JSON.parse(await readFile(join(pkg.unpacked, "package.json"), "utf8")) as Manifest;
  const files = new Set(await listFiles(pkg.unpacked));
  const missingOnPurpose = new Set(intentionallyMissing[manifest.name] ?? []);
  const declared = new Set([
    manifest.name,
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
  ]);
  const problems = [...rangeProblems(manifest)];

  for (const file of files) {
    const text = await readFile(join(pkg.unpacked, file), "utf8");
    if (text.includes(workspaceRoot)) problems.push(`${file}: contains the workspace path ${workspaceRoot}`);
    if (file.startsWith("dist/") && builtFile.test(file)) {
      // Bun's compiler (the Bun adapter's bytecode entries) writes builtins without "node:", and
      // only Bun loads what it wrote.
      const bunWritten = text.startsWith("// @bun");
      for (const { specifier, line } of moduleReferences(file, text)) {
        if (bunWritten && builtinModules.includes(specifier)) continue;
        const problem = referenceProblem(file, specifier, files, declared, missingOnPurpose);
        if (problem) problems.push(`${file}:${line}: "${specifier}" ${problem}`);
      }
    }
    if (file.endsWith(".map")) problems.push(...sourceMapProblems(file, text, files));
  }
  return problems;
}

function referenceProblem(
  file: string,
  specifier: string,
  files: Set<string>,
  declared: Set<string>,
  missingOnPurpose: Set<string>,
): string | null {
  if (specifier.startsWith("node:")) return null;
  if (specifier.startsWith("./") || specifier.startsWith("../")) {
    const target = posix.join(posix.dirname(file), specifier);
    const wanted = declarationFile.test(file) ? declarationFor(target) : target;
    if (wanted.startsWith("../")) return "points outside the package";
    if (files.has(wanted) || missingOnPurpose.has(wanted)) return null;
    return `resolves to ${wanted}, which is not in the tarball`;
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(specifier) || specifier.startsWith("/")) {
    return "is an absolute path or URL: only node:* builtins, dependencies and relative files are allowed";
  }
  const name = specifier.startsWith("@")
    ? specifier.split("/").slice(0, 2).join("/")
    : specifier.split("/")[0];
  if (name && declared.has(name)) return null;
  return `is not a node: builtin and "${name}" is not in dependencies or peerDependencies`;
}

/** The declaration file TypeScript reads for an import of `target` from a .d.ts file. */
function declarationFor(target: string): string {
  if (declarationFile.test(target)) return target;
  return target
    .replace(/\.js$/, ".d.ts")
    .replace(/\.mjs$/, ".d.mts")
    .replace(/\.cjs$/, ".d.cts");
}

/**
 * A source map's sources must ship too, or debuggers and stack traces point at nothing; a source
 * whose text the map carries (sourcesContent: a bundled worker entry's copy of core) needs no file.
 */
function sourceMapProblems(file: string, text: string, files: Set<string>): string[] {
  const map = JSON.parse(text) as { sources?: string[]; sourceRoot?: string; sourcesContent?: unknown[] };
  const base = posix.join(posix.dirname(file), map.sourceRoot ?? "");
  return (map.sources ?? [])
    .map((source, i) => ({
      path: posix.join(base, source),
      carried: typeof map.sourcesContent?.[i] === "string",
    }))
    .filter(({ path, carried }) => !carried && !files.has(path))
    .map(({ path }) => `${file}: source ${path} is not in the tarball`);
}

/** Registry-unfriendly ranges (workspace:, link:, file:) that packing should have replaced. */
function rangeProblems(manifest: Manifest): string[] {
  const sections = ["dependencies", "peerDependencies", "optionalDependencies"] as const;
  return sections.flatMap((section) =>
    Object.entries(manifest[section] ?? {})
      .filter(([, range]) => /^(workspace|link|file|portal):/.test(range))
      .map(
        ([name, range]) => `package.json ${section}: ${name}@${range} cannot be installed from a registry`,
      ),
  );
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join("/"));
}
