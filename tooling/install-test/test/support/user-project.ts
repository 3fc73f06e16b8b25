// A plain npm project, as a user would make one: the tarballs installed with npm (plus tsx, the
// optional peer that lets Node 20 load TypeScript task modules), and the user's programs beside.
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { cleanEnv } from "./clean-env.ts";
import type { PackedPackage } from "./pack.ts";
import { runOrThrow } from "./run-command.ts";

const userApp = new URL("../../fixtures/user-app/", import.meta.url);

export async function createUserProject(dir: string, packages: PackedPackage[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  const manifest = { name: "multiproc-user-app", version: "1.0.0", private: true, type: "module" };
  await writeFile(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  await cp(userApp, dir, { recursive: true });
  const args = ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"];
  const tsx = `tsx@${await tsxRange(packages)}`;
  await runOrThrow("npm", [...args, ...packages.map((p) => p.tarball), tsx], {
    cwd: dir,
    env: cleanEnv(),
    timeoutMs: 180_000,
  });
}

/** The tsx range @multiproc/node declares as its peer: the one a user is told to install. */
async function tsxRange(packages: PackedPackage[]): Promise<string> {
  const node = packages.find((p) => p.name === "@multiproc/node");
  if (!node) throw new Error("@multiproc/node was not packed");
  const manifest = JSON.parse(await readFile(join(node.unpacked, "package.json"), "utf8"));
  const range: unknown = manifest.peerDependencies?.tsx;
  if (typeof range !== "string") throw new Error("@multiproc/node declares no tsx peer dependency");
  return range;
}
