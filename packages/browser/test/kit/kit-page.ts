// Bundled for the page (see kit-bundle.ts): the conformance kit registers its tests for the
// browser adapter, against the built package loaded as plain ES modules, on the web host.

import { Pool, Process } from "@multiproc/browser";
import { browserAdapter } from "@multiproc/browser/adapter";
import { testAdapter, webHost } from "@multiproc/conformance";
import { runTest, tests } from "./vitest-shim.ts";

testAdapter({
  adapter: browserAdapter,
  Pool,
  Process,
  kind: "thread",
  host: webHost(new URL("/kit/fixtures/web-tasks.mjs", location.href), document.baseURI),
  unsupported: {
    callContext:
      "a browser has no AsyncLocalStorage: progress reported by calls running at once in one worker cannot be told apart",
  },
});

/** What the Node side drives: the registered tests, and one run at a time. */
const kit = {
  list: () => tests.map((t) => ({ name: t.name, skip: t.skip })),
  async run(name: string): Promise<{ ok: true } | { ok: false; error: string }> {
    const test = tests.find((t) => t.name === name);
    if (!test) return { ok: false, error: `no test named ${name}` };
    try {
      await runTest(test);
      return { ok: true };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? `${error.stack ?? error.message}` : String(error) };
    }
  },
};
(globalThis as { kit?: typeof kit }).kit = kit;
