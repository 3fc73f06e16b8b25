// The test page: the built @multiproc/browser and @multiproc/core served as they are, found by an
// import map (what a user without a bundler writes), and test/page's own files.
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { type StaticServer, serveStatic } from "./static-server.ts";

const dir = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/** The routes of the test server: the two packages' dist folders and the page's folder. */
export const PAGE_ROUTES: Record<string, string> = {
  "/pkg/browser/": dir("../../dist/"),
  "/pkg/core/": dir("../../../core/dist/"),
  "/page/": dir("../page/"),
};

/** A page at /page/index.html once its module script has put the package on `window.multiproc`. */
export async function openPackagePage(
  browser: Browser,
  server: StaticServer,
  errors: string[],
): Promise<Page> {
  const page = await browser.newPage();
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(`${server.url}/page/index.html`);
  await page.waitForFunction(() => "multiproc" in window, undefined, { timeout: 15_000 });
  return page;
}

export { type StaticServer, serveStatic };
