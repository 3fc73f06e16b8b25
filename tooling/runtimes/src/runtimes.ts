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

/** The runtimes' ids, in the order the runner uses by default. */
export type RuntimeId = "node20" | "node24" | "deno" | "bun";

/** A runtime the tests can run on, and how to start a script under it. */
export interface Runtime {
  readonly id: RuntimeId;
  /** What the runtime calls itself from inside. */
  readonly name: "node" | "deno" | "bun";
  /**
   * The binary's path, looked up on first read. When none was found it is the name the binary
   * was looked for by, and {@link binaryVersion} returns null.
   */
  readonly binary: string;
  /** Where the binary was looked for, in words: for the message when it is missing. */
  readonly searched: string;
  /** Arguments that run `script` with `args`. */
  argv(script: string, args: string[]): string[];
}

/**
 * A browser the tests run in: vitest runs on a runtime's binary (`binary`, `argv`), and the tests
 * drive the browser. Its version is the browser's, null when the browser is missing.
 */
export interface BrowserRuntime extends Omit<Runtime, "id" | "name"> {
  readonly id: "chromium";
  readonly name: "chromium";
  /** The browser's version, or null when it is missing (or the runtime that drives it is). */
  version(): string | null;
}

/** What multiproc-test runs a suite on: a runtime, or a browser. */
export type TestRuntime = Runtime | BrowserRuntime;
/** Every id multiproc-test takes. */
export type TestRuntimeId = TestRuntime["id"];

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
export const chromium: BrowserRuntime = chromiumRuntime(runtimes[0] as Runtime);

/** Every id multiproc-test knows: {@link runtimeIds}, then "chromium". */
export const knownRuntimeIds: TestRuntimeId[] = [...runtimeIds, chromium.id];

/** Looks runtimes up by id; an unknown id is an error that lists the known ones. */
export function selectRuntimes(ids: readonly string[]): Runtime[] {
  return ids.map((id) => {
    const found = runtimes.find((r) => r.id === id);
    if (!found) throw new Error(`unknown runtime "${id}"; known: ${runtimeIds.join(", ")}`);
    return found;
  });
}

/** As selectRuntimes, "chromium" included: what multiproc-test runs a suite on. */
export function selectTestRuntimes(ids: readonly string[]): TestRuntime[] {
  return ids.map((id) => {
    const found = [...runtimes, chromium].find((r) => r.id === id);
    if (!found) throw new Error(`unknown runtime "${id}"; known: ${knownRuntimeIds.join(", ")}`);
    return found;
  });
}

/** The version the runtime reports of itself (`--version`; a browser's own), or null when it is missing. */
export function binaryVersion(runtime: TestRuntime): string | null {
  return runtime.id === "chromium" ? runtime.version() : versionOf(runtime.binary);
}

// The machine's Node comes before the one running this, whichever runtime asks: under Deno or
// Bun, process.execPath is their own binary.
function here() {
  return searchHere(detectRuntime().name === "node");
}

/** Chromium as a runtime: its tests run on `driver` (Node 20), its version is the browser's. */
function chromiumRuntime(driver: Runtime): BrowserRuntime {
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
