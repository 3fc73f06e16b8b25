// Types of runtimes.mjs, for the TypeScript packages that use it (tsc does not read the JSDoc of
// a dependency's JavaScript): one declaration here instead of a copy in each of them.

/** A runtime this workspace tests on, and how to start a script under it. */
export interface Runtime {
  id: "node20" | "node24" | "deno" | "bun";
  /** What the runtime calls itself from inside. */
  name: "node" | "deno" | "bun";
  binary: string;
  /** Arguments that run `script` with `args`. */
  argv(script: string, args: string[]): string[];
}

/** The workspace root: the folder holding pnpm-workspace.yaml. */
export const workspaceRoot: string;
export const runtimes: Runtime[];
export const runtimeIds: Runtime["id"][];
/** Looks runtimes up by id; an unknown id is an error that lists the known ones. */
export function selectRuntimes(ids: string[]): Runtime[];
/** The version the binary reports of itself, or null when it is missing. */
export function binaryVersion(runtime: Runtime): string | null;
