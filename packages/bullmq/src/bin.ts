#!/usr/bin/env node
// multiproc-agent: one agent per host, under Node, Bun or Deno. SIGTERM (or SIGINT) drains: no
// new task is taken, the running ones finish and report, then it exits.
import { type Agent, startAgent } from "./agent.ts";
import { parseAgentArgs, usage } from "./cli-args.ts";
import { redact } from "./connection.ts";

async function main(argv: string[]): Promise<void> {
  let options: ReturnType<typeof parseAgentArgs>;
  try {
    options = parseAgentArgs(argv, process.cwd());
  } catch (error) {
    console.error(`multiproc-agent: ${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  if (options === "help") {
    console.log(usage);
    return;
  }
  // Signals are heard from the start: one during start-up drains the agent as soon as it runs.
  let stopping = false;
  let agent: Agent | undefined;
  const drain = () => {
    stopping = true;
    if (!agent) return;
    console.error("multiproc-agent: draining (running tasks finish, no new task is taken)");
    agent.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", drain);
  process.once("SIGINT", drain);
  agent = await startAgent(options);
  const where = `${redact(options.connection)} queue "${options.queue}"`;
  console.error(`multiproc-agent: ${agent.runtime} agent serving ${where} (pid ${process.pid})`);
  if (stopping) drain();
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // Messages here name the queue and a redacted URL only; the connection's secrets are never printed.
  console.error(`multiproc-agent: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
