// The raw process floor on Node (fork) and Bun (Bun.spawn with ipc): a child that answers
// { id, a, b } with a + b over the runtime's own IPC channel. It says "ready" first: a message
// sent to a Bun child before it listens is lost.
import type { RawCall } from "../contenders/pending.ts";

const send = process.send?.bind(process);
if (!send) throw new Error("raw-ipc-child runs with an IPC channel (fork, or Bun.spawn with ipc)");
process.on("message", (message) => {
  const { id, a, b } = message as RawCall;
  send({ id, value: a + b });
});
// Exit with the parent: the channel closing is the end of the run.
process.on("disconnect", () => process.exit(0));
send("ready");
