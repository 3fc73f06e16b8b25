// Headless Chromium from Debian (/usr/bin/chromium), driven by playwright-core: never a browser
// Playwright downloads. One browser for a test file, one page per test page.
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";

export const CHROMIUM = process.env.MULTIPROC_CHROMIUM ?? "/usr/bin/chromium";

/** Why the browser tests cannot run here, or "" when they can. */
export const noChromium = existsSync(CHROMIUM)
  ? ""
  : `no Chromium at ${CHROMIUM} (apt-get install chromium; .ci/run installs it)`;

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}
