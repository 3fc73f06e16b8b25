// Once for every test file: pack the public packages, then install the tarballs into a plain npm
// project in the system's temp folder, outside the workspace. Tests get the paths by inject().
// KEEP_INSTALL_TEST_DIR=1 keeps the folder afterwards, to look into a failure.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { type PackedPackage, packAll } from "./support/pack.ts";
import { createUserProject } from "./support/user-project.ts";

declare module "vitest" {
  export interface ProvidedContext {
    packed: PackedPackage[];
    userProject: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), "multiproc-install-test-"));
  const cleanUp = async () => {
    if (process.env.KEEP_INSTALL_TEST_DIR) console.log(`install test folder kept: ${root}`);
    else await rm(root, { recursive: true, force: true });
  };
  try {
    const packed = await packAll(join(root, "tarballs"));
    const userProject = join(root, "user-app");
    await createUserProject(userProject, packed);
    project.provide("packed", packed);
    project.provide("userProject", userProject);
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return cleanUp;
}
