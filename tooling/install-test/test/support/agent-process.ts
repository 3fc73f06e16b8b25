// The installed `multiproc-agent`, started the way the package's README tells a user to: the npm
// bin under Node 20, `node|deno run -A|bun node_modules/@multiproc/bullmq/dist/bin.js` otherwise.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import type { Runtime } from "@multiproc/runtimes";
import { cleanEnv } from "./clean-env.ts";
import { realBinary } from "./real-binary.ts";

export interface AgentProcess {
  /** SIGTERM to the agent's process group, as systemd does (its workers, if processes, get it too). */
  terminate(): void;
  /** Resolves with how it ended; a hard limit kills it (then `timedOut`). */
  exited(timeoutMs: number): Promise<{ code: number | null; signal: string | null; timedOut: boolean }>;
  log(): string;
}

const binJs = join("node_modules", "@multiproc", "bullmq", "dist", "bin.js");

/** The command a user types on a host running `runtime`. */
function agentCommand(runtime: Runtime, args: string[]): [string, string[]] {
  if (runtime.id === "node20") return [join("node_modules", ".bin", "multiproc-agent"), args];
  if (runtime.name === "deno") return [realBinary(runtime), ["run", "-A", binJs, ...args]];
  return [realBinary(runtime), [binJs, ...args]];
}

/** Starts the agent in `project` and resolves once it says it serves the queue. */
export async function startAgent(
  runtime: Runtime,
  project: string,
  args: string[],
  startTimeoutMs: number,
): Promise<AgentProcess> {
  const env = cleanEnv();
  // the bin's `#!/usr/bin/env node` must find this Node first
  if (runtime.id === "node20") env.PATH = `${dirname(runtime.binary)}:${env.PATH}`;
  const [command, argv] = agentCommand(runtime, args);
  const child = spawn(command, argv, {
    cwd: project,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const onOutput = (chunk: string) => {
    log += chunk;
  };
  child.stdout.setEncoding("utf8").on("data", onOutput);
  child.stderr.setEncoding("utf8").on("data", onOutput);
  const ended = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), signal);
    } catch {
      // ESRCH: gone already
    }
  };
  const agent: AgentProcess = {
    terminate: () => signalGroup("SIGTERM"),
    log: () => log,
    exited: async (timeoutMs) => {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        signalGroup("SIGKILL");
      }, timeoutMs);
      const { code, signal } = await ended;
      clearTimeout(timer);
      signalGroup("SIGKILL"); // any leftover of the group
      return { code, signal, timedOut };
    },
  };
  const serving = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), startTimeoutMs);
    const check = () => {
      if (log.includes(" serving ")) {
        clearTimeout(timer);
        resolve(true);
      }
    };
    child.stdout.on("data", check);
    child.stderr.on("data", check);
    ended.then(() => resolve(false));
  });
  if (!serving) {
    signalGroup("SIGKILL");
    throw new Error(`${command} ${argv.join(" ")} did not start serving:\n${log}`);
  }
  return agent;
}
