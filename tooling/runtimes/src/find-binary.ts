// Where a runtime's binary may be, in this order: an environment variable naming it; for Deno and
// Bun, node_modules/.bin of the project (from the working directory up, then around this package:
// the workspace holding it or the project that installed it); for Node 24, the workspace's private
// @multiproc/node24; then PATH. A Node binary counts only when its major version is the one asked.
// Nothing is installed or downloaded.
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** What a look-up may read: the process's own by default ({@link searchHere}), a made-up one in tests. */
export interface Search {
  env: Record<string, string | undefined>;
  /** Folders whose node_modules are looked into, nearest first. */
  folders: string[];
  /** The folders on PATH, in order. */
  path: string[];
  /** The Node running the look-up, if it is Node (under Deno or Bun it is not). */
  execPath?: string;
}

/** The binary found, or null and where it was looked for, in words. */
export interface Found {
  binary: string | null;
  searched: string;
}

/** This package's folder (dist/ or src/ is one below it). */
export const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));

/** `start` and every folder above it, nearest first. */
export function ancestors(start: string): string[] {
  const found = [start];
  for (let dir = start; dirname(dir) !== dir; dir = dirname(dir)) found.push(dirname(dir));
  return found;
}

/** The working directory and this package, and the folders above them; this process's PATH. */
export function searchHere(nodeIsRunning: boolean): Search {
  return {
    env: process.env,
    folders: [...new Set([...ancestors(process.cwd()), ...ancestors(packageDir)])],
    path: (process.env.PATH ?? "").split(delimiter).filter(Boolean),
    ...(nodeIsRunning ? { execPath: process.execPath } : {}),
  };
}

/** Node of one major version: MULTIPROC_NODE<major>, (24:) @multiproc/node24, PATH, this Node. */
export function findNode(major: number, search: Search): Found {
  const variable = `MULTIPROC_NODE${major}`;
  const node24 = join("node_modules", "@multiproc", "node24", "node_modules", ".bin", "node");
  const candidates = existing([
    search.env[variable],
    ...(major === 24 ? search.folders.map((dir) => join(dir, node24)) : []),
    ...search.path.map((dir) => join(dir, "node")),
    search.execPath,
  ]);
  const others: string[] = [];
  for (const path of candidates) {
    const version = versionOf(path);
    if (version?.split(".")[0] === String(major)) return { binary: path, searched: "" };
    others.push(`${path} is ${version}`);
  }
  const seen = others.length > 0 ? ` (${others.join("; ")})` : "";
  const workspace = major === 24 ? "in @multiproc/node24, " : "";
  return {
    binary: null,
    searched: `no Node ${major} in $${variable}, ${workspace}or among the node binaries on PATH${seen}; set ${variable} to a Node ${major} binary`,
  };
}

/** Deno or Bun: MULTIPROC_DENO / MULTIPROC_BUN, node_modules/.bin (npm's `deno` and `bun` put it there), PATH. */
export function findTool(name: "deno" | "bun", search: Search): Found {
  const variable = `MULTIPROC_${name.toUpperCase()}`;
  const [binary] = existing([
    search.env[variable],
    ...search.folders.map((dir) => join(dir, "node_modules", ".bin", name)),
    ...search.path.map((dir) => join(dir, name)),
  ]);
  if (binary) return { binary, searched: "" };
  return {
    binary: null,
    searched: `no ${name} in $${variable}, in node_modules/.bin of ${search.folders[0] ?? "the project"} or above, or on PATH; install it (npm install --save-dev ${name}) or set ${variable}`,
  };
}

/** Whether `path` is a file (a binary, or the shell script npm puts in node_modules/.bin). */
export function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

const versions = new Map<string, string | null>();

/** What `<binary> --version` says (x.y.z), asked once per binary; null when it is not a file. */
export function versionOf(binary: string): string | null {
  if (!isFile(binary)) return null;
  let version = versions.get(binary);
  if (version === undefined) {
    const out = execFileSync(binary, ["--version"], { encoding: "utf8" });
    const match = /(\d+\.\d+\.\d+)/.exec(out);
    if (!match?.[1]) throw new Error(`${binary}: cannot read a version from "${out.trim()}"`);
    version = match[1];
    versions.set(binary, version);
  }
  return version;
}

function existing(paths: (string | undefined)[]): string[] {
  return [...new Set(paths.filter((path): path is string => path !== undefined && isFile(path)))];
}
