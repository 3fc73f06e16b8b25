#!/usr/bin/env node
// multiproc-agent: one agent per host, under Node, Bun or Deno. SIGTERM (or SIGINT) drains: no
// new task is taken, the running ones finish and report, then it exits. During start-up (Redis
// not there yet) a signal stops the half-started agent and exits at once.
import { AbortError } from "@multiproc/core";
import { type Agent, launchAgent } from "./agent.ts";
import { parseAgentArgs, usage } from "./cli-args.ts";
import { redact } from "./connection.ts";

/** How long start-up may wait for Redis before the agent says it is waiting. */
const WAITING_NOTICE_MS = 3000;

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
  const where = redact(options.connection);
  // Signals are heard from the start: one during start-up stops it; one later drains the agent.
  const starting = new AbortController();
  let agent: Agent | undefined;
  const drain = (agent: Agent) => {
    console.error("multiproc-agent: draining (running tasks finish, no new task is taken)");
    agent.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  const onSignal = (signal: string) => {
    if (!agent) {
      console.error(`multiproc-agent: ${signal} during start-up: stopping`);
      starting.abort(new AbortError(`stopped by ${signal} during start-up`));
      return;
    }
    drain(agent);
  };
  process.once("SIGTERM", () => onSignal("SIGTERM"));
  process.once("SIGINT", () => onSignal("SIGINT"));
  try {
    agent = await launchAgent(options, {
      signal: starting.signal,
      waitingMs: WAITING_NOTICE_MS,
      onWaiting: () => console.error(`multiproc-agent: waiting for Redis at ${where}…`),
    });
  } catch (error) {
    if (!starting.signal.aborted) throw error;
    process.exit(0); // stopped as asked; the half-started agent has ended its connections and workers
  }
  console.error(
    `multiproc-agent: ${agent.runtime} agent serving ${where} queue "${options.queue}" (pid ${process.pid})`,
  );
  // A signal that came as the start finished, too late to stop it: drain what started.
  if (starting.signal.aborted) drain(agent);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // Messages here name the queue and a redacted URL only; the connection's secrets are never printed.
  console.error(`multiproc-agent: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
