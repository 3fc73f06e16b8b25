// The jsr.json manifests, read and checked against their package.json without Deno: same name and
// version, the npm package's subpaths pointing at the same TypeScript source, every target present.
// Also lists the worker entry files each package finds at run time, which no import reaches.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

const NAME = /^@[a-z0-9-]+\/[a-z0-9-]+$/;
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** A jsr.json (its fields as far as they are checked here). */
export interface JsrManifest {
  name: string;
  version: string;
  exports: Record<string, string>;
}

/** A checked jsr.json, where it is, and what its package's sources tell. */
export interface Manifest {
  dir: string;
  /** The jsr.json's path relative to the root, for messages. */
  where: string;
  jsr: JsrManifest;
  /** Worker entry files started by URL (package-relative, "/"-separated). */
  workerEntries: string[];
  /** Whether the sources import another @multiproc package. */
  importsWorkspace: boolean;
}

interface NpmManifest {
  name?: string;
  version?: string;
  exports?: Record<string, unknown>;
}

/** Every packages/<dir>/jsr.json, checked. Problems are returned as sentences, not thrown. */
export function readManifests(root: string): { manifests: Manifest[]; problems: string[] } {
  const manifests: Manifest[] = [];
  const problems: string[] = [];
  for (const dir of readdirSync(join(root, "packages")).sort()) {
    const file = join(root, "packages", dir, "jsr.json");
    if (!existsSync(file)) continue;
    const where = relative(root, file);
    const jsr = readJson(file, where, problems) as JsrManifest | undefined;
    const npm = readJson(join(dirname(file), "package.json"), where, problems) as NpmManifest | undefined;
    if (!jsr || !npm) continue;
    const before = problems.length;
    checkManifest(jsr, npm, dirname(file), where, problems);
    if (problems.length === before) {
      manifests.push({ dir: dirname(file), where, jsr, ...scanSources(dirname(file)) });
    }
  }
  if (manifests.length === 0 && problems.length === 0) problems.push("no packages/*/jsr.json found");
  return { manifests, problems };
}

function readJson(file: string, where: string, problems: string[]): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    problems.push(`${where}: cannot read ${file}: ${(error as Error).message}`);
    return undefined;
  }
}

function checkManifest(
  jsr: Partial<JsrManifest>,
  npm: NpmManifest,
  dir: string,
  where: string,
  problems: string[],
): void {
  if (typeof jsr.name !== "string" || !NAME.test(jsr.name)) {
    problems.push(`${where}: "name" must be "@scope/name", got ${JSON.stringify(jsr.name)}`);
  } else if (jsr.name !== npm.name) {
    problems.push(`${where}: name ${jsr.name} differs from package.json's ${npm.name}`);
  }
  if (typeof jsr.version !== "string" || !SEMVER.test(jsr.version)) {
    problems.push(`${where}: "version" must be a semver version, got ${JSON.stringify(jsr.version)}`);
  } else if (jsr.version !== npm.version) {
    problems.push(
      `${where}: version ${jsr.version} differs from package.json's ${npm.version}; set it to ` +
        `${npm.version} (the release does this after \`changeset version\`)`,
    );
  }
  if (!jsr.exports || typeof jsr.exports !== "object") {
    problems.push(`${where}: "exports" must map subpaths to files`);
    return;
  }
  const wanted = npmSubpaths(npm);
  for (const [subpath, source] of Object.entries(wanted)) {
    const target = jsr.exports[subpath];
    if (target === undefined) problems.push(`${where}: npm exports "${subpath}", jsr.json does not`);
    else if (source && target !== source) {
      problems.push(`${where}: "${subpath}" points at ${target}, package.json's types at ${source}`);
    }
  }
  for (const [subpath, target] of Object.entries(jsr.exports)) {
    if (!(subpath in wanted)) problems.push(`${where}: "${subpath}" is not a subpath of the npm package`);
    if (typeof target !== "string" || !/\.tsx?$/.test(target) || target.endsWith(".d.ts")) {
      problems.push(`${where}: "${subpath}" must point at a .ts source file, got ${JSON.stringify(target)}`);
    } else if (!existsSync(join(dir, target))) {
      problems.push(`${where}: "${subpath}" points at ${target}, which does not exist`);
    }
  }
}

// The npm subpaths JSR can carry (not package.json, not wildcards), each with its source file
// when package.json names one as its types (the workspace exports do: "types": "./src/….ts").
function npmSubpaths(npm: NpmManifest): Record<string, string | undefined> {
  const subpaths: Record<string, string | undefined> = {};
  for (const [subpath, value] of Object.entries(npm.exports ?? {})) {
    if (subpath === "./package.json" || subpath.includes("*")) continue;
    const types = typeof value === "object" ? (value as { types?: unknown } | null)?.types : undefined;
    subpaths[subpath] = typeof types === "string" && /^\.\/src\/.*\.ts$/.test(types) ? types : undefined;
  }
  return subpaths;
}

// Read from the package's src/*.ts: the files started by URL at run time, which no import reaches
// (`entryBeside(import.meta.url, "thread-entry")` in src/x.ts needs src/thread-entry.ts), and
// whether it imports another workspace package. Paths are relative to the package, "/"-separated.
function scanSources(dir: string): { workerEntries: string[]; importsWorkspace: boolean } {
  const entries = new Set<string>();
  let importsWorkspace = false;
  const src = join(dir, "src");
  const files = existsSync(src) ? readdirSync(src, { recursive: true, encoding: "utf8" }) : [];
  for (const file of files.filter((name) => /\.ts$/.test(name))) {
    const text = readFileSync(join(src, file), "utf8");
    for (const match of text.matchAll(/entryBeside\(\s*import\.meta\.url,\s*["']([^"']+)["']/g)) {
      entries.add(relative(dir, join(src, dirname(file), `${match[1] ?? ""}.ts`)).replaceAll("\\", "/"));
    }
    importsWorkspace ||= /from\s+["']@multiproc\//.test(text);
  }
  return { workerEntries: [...entries].sort(), importsWorkspace };
}
