// Reads the `Run:` command from the top of an example and runs exactly that from the repository
// root, so the command in the docs is the one that is tested.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { workspaceRoot } from "@multiproc/runtimes";

const execFileAsync = promisify(execFile);

/** The command after `// Run:` in the example's first lines. */
export async function commandOf(example: string): Promise<string> {
  const header = (await readFile(example, "utf8")).split("\n").slice(0, 5).join("\n");
  const match = /^\/\/ Run: (.+)$/m.exec(header);
  if (!match?.[1]) throw new Error(`${example} has no "// Run: <command>" line at its top`);
  return match[1].trim();
}

export interface Outcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs the command (no shell: the commands need no quoting) with extra arguments and env. */
export async function runCommand(
  command: string,
  options: { args?: string[]; env?: Record<string, string>; timeoutMs: number },
): Promise<Outcome> {
  const [program = "", ...args] = command.split(/\s+/);
  try {
    const { stdout, stderr } = await execFileAsync(
      resolve(workspaceRoot, program),
      [...args, ...(options.args ?? [])],
      {
        cwd: workspaceRoot,
        env: { ...process.env, ...options.env },
        timeout: options.timeoutMs,
      },
    );
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; signal?: string; stdout?: string; stderr?: string };
    const exitCode = typeof failed.code === "number" ? failed.code : -1;
    const stderr = `${failed.stderr ?? ""}${failed.signal ? `\n(ended by ${failed.signal}: timed out?)` : ""}`;
    return { exitCode, stdout: failed.stdout ?? "", stderr };
  }
}
