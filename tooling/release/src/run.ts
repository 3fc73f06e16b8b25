// Runs a command to completion and returns its stdout; a failure throws with the command and its
// output, so the release stops at the first step that went wrong and says which.
import { spawnSync } from "node:child_process";

/** cwd: where to run; visible: the command talks to the terminal itself (a publish that may ask
 * for a one-time password), and nothing is captured then. */
export interface RunOptions {
  cwd?: string;
  visible?: boolean;
}

/** Runs `command args…` and returns its stdout; throws on a non-zero exit. */
export function run(command: string, args: string[], { cwd, visible = false }: RunOptions = {}): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    stdio: visible ? "inherit" : "pipe",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
    const how = result.error ? result.error.message : `exit ${result.status ?? result.signal}`;
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd} (${how})\n${output}`);
  }
  return result.stdout ?? "";
}
