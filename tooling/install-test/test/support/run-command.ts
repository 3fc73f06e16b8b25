// Runs a command to its end with a hard time limit. The command leads its own process group, so
// a timeout kills it together with any worker process it started, and nothing outlives the test.
import { spawn } from "node:child_process";

export interface Outcome {
  command: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The time limit ran out and the group was killed (also when a leftover child held its output open). */
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

export function runCommand(binary: string, args: string[], options: RunOptions): Promise<Outcome> {
  const command = [binary, ...args].join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, options.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${command}: ${error.message}`));
    });
    // "close" comes once every holder of the output pipes is gone, leftover children included.
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      killGroup(child.pid);
      resolve({ command, code, signal, timedOut, stdout, stderr });
    });
  });
}

/** Kills what is left of the group; it may well be gone already. */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // ESRCH: no process left in the group
  }
}

/** The outcome as a readable block, for assertion messages. */
export function describeOutcome(outcome: Outcome): string {
  const end = outcome.timedOut ? "timed out (killed)" : `exit ${outcome.code ?? outcome.signal}`;
  return `${outcome.command}\n→ ${end}\n--- stdout\n${outcome.stdout}\n--- stderr\n${outcome.stderr}`;
}

/** Runs and throws, with everything it printed, unless the command ended by itself with code 0. */
export async function runOrThrow(binary: string, args: string[], options: RunOptions): Promise<Outcome> {
  const outcome = await runCommand(binary, args, options);
  if (outcome.timedOut || outcome.code !== 0) throw new Error(describeOutcome(outcome));
  return outcome;
}
