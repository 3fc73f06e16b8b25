// Runs a command to completion and returns its stdout; a failure throws with the command and its
// output, so the release stops at the first step that went wrong and says which.
import { spawnSync } from "node:child_process";

/**
 * @param {{ cwd?: string, visible?: boolean }} options  visible: the command talks to the terminal
 *   itself (a publish that may ask for a one-time password); nothing is captured then.
 * @returns {string} stdout
 */
export function run(command, args, { cwd, visible = false } = {}) {
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
  return result.stdout;
}
