// Runs in each kind "thread" worker (a Web Worker). Deno tells the parent nothing when a worker
// calls self.close(), Deno.exit() or process.exit(): wrap the first two (process.exit() ends in
// Deno.exit()) so that the parent hears of it first, with the exit code, and can reject the
// running task instead of waiting forever. It also makes the two mailboxes small calls and
// answers travel through (mailbox.ts).
import {
  MailboxWriter,
  offerMailboxes,
  serveTasks,
  type TaskServer,
  type ToWorker,
  type WorkerNotice,
} from "@multiproc/core/worker";
import { asyncCallContext } from "./call-context.ts";

type Closed = Extract<WorkerNotice, { t: "closed" }>;

const scope = self as unknown as {
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((event: MessageEvent) => void) | null;
};
const close = scope.close.bind(scope);
let server: TaskServer | undefined;
let listener: ((message: ToWorker) => void) | undefined;
const deliver = (message: ToWorker) => listener?.(message);

// Small calls and answers go through shared memory, where the runtime has it and the parent can
// be given it (see core's wire/mailbox.ts); once it has answered a call marked `spin` and has
// nothing left to run, the worker watches its mailbox a moment. Every message posted is counted
// once it has gone, and every one received; the mailboxes' notice is the first posted.
const shared = offerMailboxes(
  (notice) => scope.postMessage(notice),
  deliver,
  () => server?.idle() === true,
  true,
  hopLater(),
);
const inbox = shared?.inbox;
// Only answers of a primitive go in it (see send below): its one object is then the message
// itself, never a task's Proxy, which only node:util could tell, too costly to load here.
const outbox = shared?.fromWorker && new MailboxWriter(shared.fromWorker, 1, () => false);
const post = (message: unknown): void => {
  scope.postMessage(message);
  outbox?.posted();
};
scope.onmessage = (event) => {
  if (inbox) inbox.received(event.data as ToWorker);
  else deliver(event.data as ToWorker);
};
// A message that failed to arrive was still posted, and counted by the parent.
self.addEventListener("messageerror", () => inbox?.lost());
// Tell the parent, start nothing more, and close. No throw to stop the caller: an error thrown
// here would escape the worker and end the whole program (Deno's rule for worker errors).
const exit = (code: number, error?: Closed["error"]): never => {
  server?.halt();
  post({ t: "closed", code, error } satisfies Closed);
  close();
  return undefined as never;
};

// process.exit() ends in Deno.exit(), with its code: wrapping Deno.exit catches both. The Node
// globals (process, setImmediate) are not touched here: the first touch loads Deno's Node layer,
// about 9 ms of a worker's start, which a task that uses no Node API never needs.
// An exit with no code takes the one the program set (process.exitCode sets Deno.exitCode).
scope.close = () => exit(0);
Deno.exit = (code?: number) => exit(code ?? Deno.exitCode);

// An uncaught error in a Deno worker takes the whole program down, whatever the parent's error
// handler does: catch it here, where it can be stopped, and end only this worker (code 1, as Node).
const fatal = (event: Event, error: unknown) => {
  event.preventDefault();
  exit(
    1,
    error instanceof Error
      ? { name: error.name, message: error.message }
      : { name: "Error", message: String(error) },
  );
};
self.addEventListener("error", (event) =>
  fatal(event, (event as ErrorEvent).error ?? (event as ErrorEvent).message),
);
self.addEventListener("unhandledrejection", (event) => fatal(event, (event as PromiseRejectionEvent).reason));

// This worker's OS thread, where it can be read (Linux, --allow-read): Deno cannot stop a Web
// Worker in a synchronous loop (deno#35657), and the parent reports its end only once it is gone.
const tid = ownThreadId();
if (tid !== undefined) post({ t: "thread-id", tid } satisfies WorkerNotice);

server = serveTasks(
  {
    send: (message) => {
      if (message.t !== "ok" || message.packed || !isPrimitive(message.value) || !outbox?.put(message))
        post(message);
    },
    onMessage: (l) => {
      listener = l;
    },
    close: () => exit(0),
  },
  { callContext: asyncCallContext },
);

/**
 * A task of its own on the event loop, for the mailbox's watch: a hop through a MessageChannel,
 * about 4 µs here, as setImmediate, but no Node global (see above); setTimeout(0) waits 2 ms.
 */
function hopLater(): (run: () => void) => void {
  const hop = new MessageChannel();
  const waiting: (() => void)[] = [];
  hop.port1.onmessage = () => waiting.shift()?.();
  return (run) => {
    waiting.push(run);
    hop.port2.postMessage(null);
  };
}

function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== "object" && typeof value !== "function");
}

function ownThreadId(): number | undefined {
  try {
    const tid = Number(Deno.readLinkSync("/proc/thread-self").split("/").pop());
    return Number.isInteger(tid) ? tid : undefined;
  } catch {
    return undefined; // no /proc, or no read permission: the parent cannot tell, and says so
  }
}
