// Deno's and Bun's npm packages put a wrapper in node_modules/.bin (a shell shim that exports
// NODE_PATH into the workspace, then a Node script that spawns the binary). A user runs the
// binary itself: it gets signals itself, and nothing of the workspace is on its module path.
import { execFileSync } from "node:child_process";
import type { Runtime } from "@multiproc/runtimes";

const asked = new Map<string, string>();

/** The runtime's own executable, as the runtime reports it. */
export function realBinary(runtime: Runtime): string {
  if (runtime.name === "node") return runtime.binary;
  let path = asked.get(runtime.id);
  if (path === undefined) {
    const args =
      runtime.name === "deno"
        ? ["eval", "console.log(Deno.execPath())"]
        : ["-e", "console.log(process.execPath)"];
    path = execFileSync(runtime.binary, args, { encoding: "utf8", timeout: 30_000 }).trim();
    asked.set(runtime.id, path);
  }
  return path;
}
