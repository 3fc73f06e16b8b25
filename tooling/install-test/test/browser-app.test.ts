// @multiproc/browser as a user gets it: the packed tarballs installed with npm into a plain Vite
// project (with the package's Vite plugin), built with `vite build` and served, run under
// `vite dev`, and the same project's node_modules served as plain ES modules with an import map;
// each page runs in headless Chromium (/usr/bin/chromium).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cleanEnv } from "./support/clean-env.ts";
import { describeOutcome, runCommand, runOrThrow } from "./support/run-command.ts";
import { type StaticServer, serveFolder } from "./support/static-server.ts";

const CHROMIUM = "/usr/bin/chromium";
const noChromium = existsSync(CHROMIUM) ? "" : `no Chromium at ${CHROMIUM} (.ci/run installs it)`;
const packed = inject("packed");
const fixture = new URL("../fixtures/browser-app/", import.meta.url);

/** The Vite this workspace tests with (vitest's own), so the test does not drift with the registry. */
async function workspaceViteVersion(): Promise<string> {
  const vitest = createRequire(import.meta.url).resolve("vitest/package.json");
  const vite = createRequire(vitest).resolve("vite/package.json");
  return (JSON.parse(await readFile(vite, "utf8")) as { version: string }).version;
}

describe.skipIf(noChromium !== "")(
  `@multiproc/browser installed from its tarball${noChromium ? ` [skipped: ${noChromium}]` : ""}`,
  () => {
    let dir: string;
    let built: StaticServer; // dist/, as vite build wrote it
    let plain: StaticServer; // the project folder, node_modules as npm installed it
    let browser: Browser;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "multiproc-browser-app-"));
      await cp(fixture, dir, { recursive: true });
      const manifest = { name: "multiproc-browser-app", version: "1.0.0", private: true, type: "module" };
      await writeFile(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
      const tarballs = ["@multiproc/core", "@multiproc/browser"].map((name) => {
        const pkg = packed.find((p) => p.name === name);
        if (!pkg) throw new Error(`${name} was not packed`);
        return pkg.tarball;
      });
      const args = ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"];
      const vite = `vite@${await workspaceViteVersion()}`;
      await runOrThrow("npm", [...args, ...tarballs, vite], {
        cwd: dir,
        env: cleanEnv(),
        timeoutMs: 180_000,
      });
      const build = await runCommand(
        process.execPath,
        [join(dir, "node_modules/vite/bin/vite.js"), "build"],
        {
          cwd: dir,
          env: cleanEnv(),
          timeoutMs: 120_000,
        },
      );
      if (build.code !== 0) throw new Error(`vite build failed\n${describeOutcome(build)}`);
      built = await serveFolder(join(dir, "dist"));
      plain = await serveFolder(dir);
      const { chromium } = await import("playwright-core");
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
      });
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await built?.close();
      await plain?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    async function resultOf(url: string): Promise<Record<string, unknown>> {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(String(error)));
      try {
        await page.goto(url);
        await page.waitForFunction(() => "result" in window, undefined, { timeout: 30_000 });
        const result = await page.evaluate(() => (window as unknown as { result: unknown }).result);
        expect(errors).toEqual([]);
        return result as Record<string, unknown>;
      } finally {
        await page.close();
      }
    }

    const everything = {
      map: [1, 4, 9],
      timeout: "TimeoutError",
      counted: 3,
      heard: [1, 2, 3],
      process: [0, 6765],
    };

    it("vite build: the worker entry and the task module are shipped; map, a hard timeout, progress, a Process", async () => {
      const assets = await readdir(join(dir, "dist/assets"));
      expect(assets.some((f) => /^thread-entry-.*\.js$/.test(f))).toBe(true); // found through new URL(…, import.meta.url)
      expect(assets.some((f) => /^tasks-.*\.js$/.test(f))).toBe(true); // the ?task-module chunk
      // progress proves the task module's own import of @multiproc/core/task was bundled with it
      expect(await resultOf(`${built.url}/index.html`)).toEqual(everything);
    });

    it("vite dev: the same page, served and transformed by Vite's dev server", async () => {
      const port = await freePort();
      const dev = spawn(
        process.execPath,
        [
          join(dir, "node_modules/vite/bin/vite.js"),
          "--host",
          "127.0.0.1",
          "--port",
          String(port),
          "--strictPort",
        ],
        {
          cwd: dir,
          env: cleanEnv(),
          detached: true,
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      try {
        await new Promise<void>((resolve, reject) => {
          let output = "";
          const timer = setTimeout(() => reject(new Error(`vite dev did not start\n${output}`)), 30_000);
          const read = (chunk: Buffer) => {
            output += chunk.toString();
            if (output.includes(`${port}`)) {
              clearTimeout(timer);
              resolve();
            }
          };
          dev.stdout.on("data", read);
          dev.stderr.on("data", read);
          dev.on("exit", (code) => reject(new Error(`vite dev exited (${code})\n${output}`)));
        });
        expect(await resultOf(`http://127.0.0.1:${port}/`)).toEqual(everything);
      } finally {
        if (dev.pid) process.kill(-dev.pid, "SIGTERM");
      }
    });

    it("plain ES modules: the installed packages served as they are, with an import map", async () => {
      // no progress there: reportProgress comes from a package, and a worker has no import map
      expect(await resultOf(`${plain.url}/plain.html`)).toEqual({ ...everything, heard: [] });
    });
  },
);

/** A port no one listens on now (the system's pick, released for vite dev to take). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
