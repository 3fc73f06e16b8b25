// @multiproc/runtimes is plain JavaScript typed with JSDoc, which tsc does not read from a
// dependency: this declares the part of it the demo uses.
declare module "@multiproc/runtimes" {
  export interface Runtime {
    id: "node20" | "node24" | "deno" | "bun";
    name: "node" | "deno" | "bun";
    binary: string;
    argv(script: string, args: string[]): string[];
  }
  export const runtimes: Runtime[];
  /** The version the binary reports, or null when it is missing. */
  export function binaryVersion(runtime: Runtime): string | null;
}
