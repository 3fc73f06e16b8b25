// The raw process floor of each runtime: two bare child processes answering { id, a, b } over
// the runtime's own channel (Node: fork's IPC; Bun: Bun.spawn's ipc; Deno, which has no IPC of
// its own: JSON lines on stdin/stdout), and, for Process start, bare processes running the task.
import { bun, deno, runtime } from "../runtime.ts";
import { type Contender, WORKERS } from "./contender.ts";
import { Pending, type RawAnswer, type RawChild } from "./pending.ts";
import { denoPipeChild } from "./raw-pipe.ts";

const script = (name: string) => new URL(`../workers/${name}.js`, import.meta.url);

/** Spawns one child and resolves once it said "ready". */
async function spawnChild(onAnswer: (answer: RawAnswer) => void): Promise<RawChild> {
  let ready!: () => void;
  const started = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const onMessage = (message: unknown) => (message === "ready" ? ready() : onAnswer(message as RawAnswer));
  let child: RawChild;
  if (runtime === "deno") child = denoPipeChild(script("raw-pipe-child"), onMessage);
  else if (bun) {
    const { fileURLToPath } = await import("node:url");
    const proc = bun.spawn({
      cmd: [process.execPath, fileURLToPath(script("raw-ipc-child"))],
      ipc: onMessage,
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit"],
    });
    child = { send: (call) => proc.send(call), stop: () => proc.kill() };
  } else {
    const { fork } = await import("node:child_process");
    const proc = fork(script("raw-ipc-child"), [], { serialization: "advanced" });
    proc.on("message", onMessage);
    child = { send: (call) => proc.send(call), stop: () => proc.kill() };
  }
  await started;
  return child;
}

export function create(): Contender {
  const children: RawChild[] = [];
  const pending = new Pending(WORKERS, (i, call) => children[i]?.send(call));
  return {
    async start() {
      for (let i = 0; i < WORKERS; i++) children.push(await spawnChild(pending.settle));
      await Promise.all(children.map((_, i) => pending.call({ a: i, b: 1 })));
    },
    add: (args) => pending.call(args),
    stop: async () => {
      for (const child of children) child.stop();
    },
  };
}

/** Bare processes, one per file, started together; done when every one has exited. */
export async function startTwo(_kind: string, files: string[]): Promise<void> {
  const { fileURLToPath } = await import("node:url");
  const path = fileURLToPath(script("bare-start-process"));
  await Promise.all(
    files.map(async (file) => {
      if (deno) {
        const child = new deno.Command(deno.execPath(), {
          args: ["run", "-A", "--quiet", path, file],
          stdin: "null",
          stdout: "inherit",
          stderr: "inherit",
        }).spawn();
        await child.status;
      } else if (bun) await bun.spawn({ cmd: [process.execPath, path, file] }).exited;
      else {
        const { spawn } = await import("node:child_process");
        const child = spawn(process.execPath, [path, file], { stdio: "inherit" });
        await new Promise((resolve) => child.once("exit", resolve));
      }
    }),
  );
}
