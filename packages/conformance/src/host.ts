// What a test needs from the host it runs on, beyond the adapter: files the test and its workers
// both see, a way to check and signal a worker process, environment variables workers inherit,
// and tasks that end their worker with a code. A host declares what it has (known when the tests
// are registered, so a missing one shows as a skip with its reason) and loads its tools only when
// the tests run. The suites use nothing of the runtime but these.

/**
 * What a host may lack; each has the tests that need it skipped with the host's reason:
 *
 * - `"scratch"`: files that the test and its workers both read and write (a worker's task
 *   writes one synchronously, the test waits for it).
 * - `"exitCode"`: a task ends its worker with a code of its choosing (`process.exit(code)`).
 * - `"env"`: environment variables the test sets and its workers inherit.
 * - `"pids"`: the test can tell whether a worker process still exists, and signal it.
 */
export type HostCapability = "scratch" | "exitCode" | "env" | "pids";

/** Scratch files: paths unique to the run, read and written by the test. */
export interface ScratchFiles {
  /** A fresh path for `name`, that no other test or run uses. */
  path(name: string): string;
  /** Whether the file is there. */
  exists(path: string): Promise<boolean>;
  /** The file's text (UTF-8). */
  read(path: string): Promise<string>;
  /** Writes the file, replacing it. */
  write(path: string, text: string): Promise<void>;
  /** Removes the file if it is there. */
  remove(path: string): Promise<void>;
}

/** Worker processes as the test sees them. */
export interface HostProcesses {
  /** Whether the process still runs: false once it has died, even before its parent reaped it. */
  isAlive(pid: number): boolean;
  /** Sends the signal to the process. */
  kill(pid: number, signal: "SIGKILL" | "SIGTERM"): void;
}

/** Environment variables that workers started after a change inherit. */
export interface HostEnv {
  /** Sets the variable for the workers started from now on. */
  set(name: string, value: string): void;
  /** Removes the variable. */
  delete(name: string): void;
}

/** A host's tools: one for each capability it has. */
export interface HostTools {
  /** For `"scratch"`. */
  scratch?: ScratchFiles;
  /** For `"pids"`. */
  processes?: HostProcesses;
  /** For `"env"`. */
  env?: HostEnv;
}

/** The host a conformance run runs on: its task module, what it lacks, and its tools. */
export interface TestHost {
  /** For messages: "server" (Node, Deno, Bun), "web" (a page). */
  readonly name: string;
  /**
   * The task module the suite's pools and processes run: the kit's portable tasks, plus this
   * host's own (`exitWorker`, `pid`, the tasks that touch scratch files).
   */
  readonly tasks: URL;
  /**
   * Where a relative module string resolves (a page's base URL); unset, a relative module is
   * refused, as on Node, Deno and Bun, which have no base to resolve it against.
   */
  readonly moduleBase?: string | undefined;
  /** What this host lacks, each with the reason shown beside its skipped tests. */
  readonly lacks: Readonly<Partial<Record<HostCapability, string>>>;
  /** Loads the tools of the capabilities it has; called once, before the first test. */
  tools(): Promise<HostTools>;
}

/** Node, Deno and Bun (the default host): every capability, through node:fs, node:os and process. */
export const serverHost: TestHost = {
  name: "server",
  tasks: new URL("../fixtures/tasks.mjs", import.meta.url),
  lacks: {},
  // Loaded only here, so that a page importing the kit never asks for node:*.
  tools: async () => (await import("./hosts/server-tools.ts")).serverTools(),
};

/**
 * A page (a browser adapter's tests): no files, processes, environment or exit codes; relative
 * module URLs resolve against `moduleBase`, the page's base URL. `tasks` is the kit's
 * `fixtures/web-tasks.mjs` as the page can load it: bundled, or served with its imports resolved
 * (a Web Worker has no import map).
 */
export function webHost(tasks: URL, moduleBase: string): TestHost {
  return {
    name: "web",
    tasks,
    moduleBase,
    lacks: {
      scratch: "a page and its Web Workers share no files that a task can write synchronously",
      exitCode: "a Web Worker ends itself with self.close(), which takes no exit code",
      env: "a page has no environment variables for its workers to inherit",
      pids: "a page has no processes to look up or signal",
    },
    tools: async () => ({}),
  };
}
