// The conformance kit against the browser adapter in headless Chromium, on the web host: the
// kit's tests are listed from the page, then each runs there (its own pools, its own afterEach)
// as one test here. Skips carry the kit's reason: what a page or a Web Worker lacks.
import { rmSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, describe, it } from "vitest";
import { launchChromium, noChromium } from "./harness/chromium.ts";
import { PAGE_ROUTES, type StaticServer, serveStatic } from "./harness/package-page.ts";
import { bundleKit, CONFORMANCE_ROUTE } from "./kit/kit-bundle.ts";

interface Listed {
  name: string;
  skip?: string;
}
type Outcome = { ok: true } | { ok: false; error: string };
type KitWindow = { kit: { list(): Listed[]; run(name: string): Promise<Outcome> } };

let browser: Browser | undefined;
let server: StaticServer | undefined;
let page: Page | undefined;
let kitDir: string | undefined;
let listed: Listed[] = [];
const pageErrors: string[] = [];

if (!noChromium) {
  kitDir = await bundleKit();
  server = await serveStatic({ ...PAGE_ROUTES, ...CONFORMANCE_ROUTE, "/kit/": `${kitDir}/` });
  browser = await launchChromium();
  page = await browser.newPage();
  page.on("pageerror", (error) => pageErrors.push(String(error)));
  await page.goto(`${server.url}/page/kit.html`);
  await page.waitForFunction(() => "kit" in window, undefined, { timeout: 30_000 });
  listed = await page.evaluate(() => (window as unknown as KitWindow).kit.list());
}

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (kitDir) rmSync(kitDir, { recursive: true, force: true });
});

describe.skipIf(noChromium !== "")(
  `conformance in Chromium${noChromium ? ` [skipped: ${noChromium}]` : ""}`,
  () => {
    it("the kit registered its tests in the page", () => {
      if (listed.length < 50)
        throw new Error(`only ${listed.length} tests listed; page errors: ${pageErrors.join("; ")}`);
    });
    for (const test of listed) {
      if (test.skip) {
        it.skip(test.name, () => {});
        continue;
      }
      it(test.name, async () => {
        const outcome = await page?.evaluate(
          (name) => (window as unknown as KitWindow).kit.run(name),
          test.name,
        );
        if (!outcome?.ok) throw new Error(outcome?.error ?? "no outcome");
      }, 60_000);
    }
  },
);
