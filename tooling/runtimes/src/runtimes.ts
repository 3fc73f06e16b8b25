// The runtimes the tests run on, and how to start a script under each. Binaries are looked up
// on first use, never installed: see find-binary.ts for where.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { detectRuntime } from "./detect.ts";
import {
  ancestors,
  type Found,
  findNode,
  findTool,
  isFile,
  packageDir,
  searchHere,
  versionOf,
} from "./find-binary.ts";

/** The runtimes' ids: the four of the default set, in its order, then "chromium" (only where declared). */
export type RuntimeId = "node20" | "node24" | "deno" | "bun" | "chromium";

/** A runtime the tests can run on, and how to start a script under it. */
export interface Runtime {
  readonly id: RuntimeId;
  /** What the runtime calls itself from inside ("chromium": the browser the tests drive). */
  readonly name: "node" | "deno" | "bun" | "chromium";
  /**
   * The binary's path, looked up on first read. When none was found it is the name the binary
   * was looked for by, and {@link binaryVersion} returns null.
   */
  readonly binary: string;
  /** Where the binary was looked for, in words: for the message when it is missing. */
  readonly searched: string;
  /** Arguments that run `script` with `args`. */
  argv(script: string, args: string[]): string[];
  /** The version to report where it is not the binary's own (chromium: the browser's), null when missing. */
  readonly version?: (() => string | null) | undefined;
}

/**
 * The workspace root: the folder holding pnpm-workspace.yaml above this package, or above the
 * working directory; the working directory itself when there is none (a plain npm project).
 */
export const workspaceRoot: string =
  findUp(packageDir, "pnpm-workspace.yaml") ?? findUp(process.cwd(), "pnpm-workspace.yaml") ?? process.cwd();

/** Every runtime, in the default order. */
export const runtimes: readonly Runtime[] = [
  lazyRuntime("node20", "node", () => findNode(20, here()), nodeArgv),
  lazyRuntime("node24", "node", () => findNode(24, here()), nodeArgv),
  lazyRuntime(
    "deno",
    "deno",
    () => findTool("deno", here()),
    (s, a) => ["run", "-A", s, ...a],
  ),
  lazyRuntime(
    "bun",
    "bun",
    () => findTool("bun", here()),
    (s, a) => ["--bun", s, ...a],
  ),
];

/** The ids of {@link runtimes}, in order. */
export const runtimeIds: RuntimeId[] = runtimes.map((r) => r.id);

/**
 * Headless Chromium, for a package whose tests run in a page (`@multiproc/browser`): vitest runs
 * on Node 20 and the tests drive the browser (with playwright-core), found at `$MULTIPROC_CHROMIUM`
 * or `/usr/bin/chromium`. Only for packages that declare it: never in the default set.
 */
export const chromium: Runtime = chromiumRuntime(runtimes[0] as Runtime);

/** Every id the runner knows: {@link runtimeIds}, then "chromium". */
export const knownRuntimeIds: RuntimeId[] = [...runtimeIds, chromium.id];

/** Looks runtimes up by id; an unknown id is an error that lists the known ones. */
export function selectRuntimes(ids: readonly string[]): Runtime[] {
  return ids.map((id) => {
    const found = [...runtimes, chromium].find((r) => r.id === id);
    if (!found) throw new Error(`unknown runtime "${id}"; known: ${knownRuntimeIds.join(", ")}`);
    return found;
  });
}

/** The version the runtime reports of itself (`--version`), or null when it is missing. */
export function binaryVersion(runtime: Runtime): string | null {
  return runtime.version ? runtime.version() : versionOf(runtime.binary);
}

// The machine's Node comes before the one running this, whichever runtime asks: under Deno or
// Bun, process.execPath is their own binary.
function here() {
  return searchHere(detectRuntime().name === "node");
}

/** Chromium as a runtime: its tests run on `driver` (Node 20), its version is the browser's. */
function chromiumRuntime(driver: Runtime): Runtime {
  const browser = () => process.env.MULTIPROC_CHROMIUM ?? "/usr/bin/chromium";
  return {
    id: "chromium",
    name: "chromium",
    argv: nodeArgv,
    get binary() {
      return driver.binary;
    },
    get searched() {
      if (!isFile(browser()))
        return `no Chromium at ${browser()} (apt-get install chromium, or set MULTIPROC_CHROMIUM)`;
      return driver.searched;
    },
    version: () => (isFile(browser()) && versionOf(driver.binary) !== null ? versionOf(browser()) : null),
  };
}

function nodeArgv(script: string, args: string[]): string[] {
  return [script, ...args];
}

function lazyRuntime(
  id: RuntimeId,
  name: Runtime["name"],
  find: () => Found,
  argv: Runtime["argv"],
): Runtime {
  let found: Found | undefined;
  const lookUp = () => {
    found ??= find();
    return found;
  };
  return {
    id,
    name,
    argv,
    get binary() {
      return lookUp().binary ?? name;
    },
    get searched() {
      return lookUp().searched;
    },
  };
}

function findUp(start: string, file: string): string | undefined {
  return ancestors(start).find((dir) => existsSync(join(dir, file)));
}
