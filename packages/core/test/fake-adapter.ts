// An adapter whose workers do nothing by themselves: the test answers their calls, crashes them
// and watches every message, to drive the engine through any interleaving it likes.
import type { Adapter, Call, FromWorker, ToWorker, WorkerExit, WorkerHandle } from "../src/adapter-api.ts";

export class FakeWorker implements WorkerHandle {
  readonly pid = undefined;
  readonly calls: Call[] = [];
  readonly answered = new Set<number>();
  /** Calls this worker started: answered ones, and those running when it died. */
  readonly started: number[] = [];
  concurrency = 1;
  alive = true;
  #onMessage: ((m: FromWorker) => void)[] = [];
  #onExit: ((e: WorkerExit) => void)[] = [];

  /** `sendLog` is shared by all workers of one adapter: call ids in the order the pool sent them. */
  constructor(readonly sendLog: number[]) {}

  send(message: ToWorker): void {
    if (!this.alive) return;
    if (message.t === "init") this.concurrency = message.concurrency ?? 1;
    if (message.t === "init") queueMicrotask(() => this.#emit({ t: "ready", v: message.v }));
    if (message.t === "calls") {
      for (const call of message.calls) {
        this.calls.push(call);
        this.sendLog.push(call.id);
      }
    }
    if (message.t === "stop") queueMicrotask(() => this.die(0));
  }
  onMessage(listener: (m: FromWorker) => void): void {
    this.#onMessage.push(listener);
  }
  onExit(listener: (e: WorkerExit) => void): void {
    this.#onExit.push(listener);
  }
  terminate(): void {
    queueMicrotask(() => this.die(1));
  }
  /** Answers the oldest unanswered call with its first argument, if any. */
  answerOne(): boolean {
    const call = this.calls.find((c) => !this.answered.has(c.id));
    if (!call || !this.alive) return false;
    this.answered.add(call.id);
    this.started.push(call.id);
    this.#emit({ t: "ok", id: call.id, value: call.args[0] });
    return true;
  }
  die(code: number): void {
    if (!this.alive) return;
    this.alive = false;
    // A real worker starts calls in order, `concurrency` at a time: these were running.
    const running = this.calls.filter((c) => !this.answered.has(c.id)).slice(0, this.concurrency);
    this.started.push(...running.map((c) => c.id));
    for (const l of this.#onExit) l({ code, signal: null });
  }
  #emit(m: FromWorker): void {
    if (this.alive) for (const l of this.#onMessage) l(m);
  }
}

export function fakeAdapter(): Adapter & { workers: FakeWorker[]; sendLog: number[] } {
  const workers: FakeWorker[] = [];
  const sendLog: number[] = [];
  return {
    name: "fake",
    kinds: ["thread"],
    workers,
    sendLog,
    spawn() {
      const w = new FakeWorker(sendLog);
      workers.push(w);
      return w;
    },
    availableParallelism: () => 2,
    resolveModule: (m) => String(m),
  };
}

export const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
