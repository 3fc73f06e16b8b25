// An adapter whose workers do nothing by themselves: the test answers their calls, crashes them
// and watches every message, to drive the engine through any interleaving it likes.
import {
  type Adapter,
  type Call,
  type FromWorker,
  FULL_CAPABILITIES,
  type SpawnOptions,
  type ToWorker,
  type WorkerExit,
  type WorkerHandle,
} from "../src/adapter-api.ts";
import { type Packed, unpackList } from "../src/wire/records.ts";

/**
 * What a new worker does with "init": "ready"; exit with code 1 ("exit") or die by SIGKILL
 * ("kill") before it is ready; report that its module is missing ("init-failed") or threw
 * ("init-throws"); or nothing yet ("slow": the test ends it).
 */
export type Startup = "ready" | "exit" | "kill" | "init-failed" | "init-throws" | "slow";

export class FakeWorker implements WorkerHandle {
  readonly pid = undefined;
  readonly calls: Call[] = [];
  readonly answered = new Set<number>();
  /** Calls this worker started: answered ones, and those running when it died. */
  readonly started: number[] = [];
  /** Each call as it arrived: its first argument, and how many unanswered calls the worker held then. */
  readonly received: { id: number; arg: unknown; backlog: number }[] = [];
  /** Which message (numbered in order) carried each call, by id. */
  readonly messageOf = new Map<number, number>();
  #messages = 0;
  concurrency = 1;
  alive = true;
  /** The signals terminate() was called with, in order. */
  readonly terminations: ("SIGTERM" | "SIGKILL" | undefined)[] = [];
  #stopping = false;
  #named: number | undefined;
  /** The transfer list of each message that carried calls, in order. */
  readonly transfers: (readonly object[] | undefined)[] = [];
  /** Set to keep the worker alive after "stop" (a slow exit) until the test calls die(). */
  lingers = false;
  /** Set to make the worker ignore SIGTERM, as a task with a SIGTERM handler does: only SIGKILL ends it. */
  ignoresSigterm = false;
  /** Whether the worker keeps the program alive (ref) or not (unref); undefined until either is called. */
  referenced: boolean | undefined;
  /** When it died, on the adapter's clock. */
  diedAt: number | undefined;
  #onMessage: ((m: FromWorker) => void)[] = [];
  #onExit: ((e: WorkerExit) => void)[] = [];
  #onUnstoppable: (() => void)[] = [];
  /** Set to make terminate() fail to end the worker, as a thread stuck in a synchronous loop on Deno: only die() ends it. */
  stuck = false;

  /**
   * `sendLog` is shared by all workers of one adapter: call ids in the order the pool sent them.
   * `clock`, if given, is shared too: it orders the sends and deaths of all workers.
   */
  constructor(
    readonly sendLog: number[],
    readonly clock?: EventClock,
    readonly startup: Startup = "ready",
    readonly spawnedAs?: SpawnOptions,
    takesInit = false,
  ) {
    // As Node's thread handle: the init message offered at spawn goes with the start.
    this.tookInit = takesInit && spawnedAs?.init !== undefined;
    if (this.tookInit && spawnedAs?.init) this.#take(spawnedAs.init);
  }

  /** Whether it took SpawnOptions.init at start (fakeAdapter's `takesInit`). */
  readonly tookInit: boolean;
  /** The type of each message the pool sent, in order. */
  readonly sentTypes: string[] = [];

  send(message: ToWorker, transfer?: readonly object[]): void {
    this.sentTypes.push(message.t);
    this.#take(message, transfer);
  }

  #take(message: ToWorker, transfer?: readonly object[]): void {
    if (!this.alive) return;
    if (message.t === "init") {
      this.concurrency = message.concurrency ?? 1;
      queueMicrotask(() => this.#start(message.v));
    }
    if (message.t === "calls" || message.t === "call") {
      // A call alone comes as the message itself: kept here without its `t`, as in "calls".
      const calls = message.t === "calls" ? message.calls : [withoutType(message)];
      // As a real handle does: what cannot be cloned throws here, and nothing is sent.
      structuredClone(calls);
      this.transfers.push(transfer);
      this.#messages++;
      for (const call of calls) {
        this.messageOf.set(call.id, this.#messages);
        this.received.push({ id: call.id, arg: call.args[0], backlog: this.unanswered().length });
        this.calls.push(call);
        this.sendLog.push(call.id);
        this.clock?.sent(call.id, this);
      }
    }
    // A real worker ends on "stop" once its calls are answered, not before.
    if (message.t === "stop") {
      this.#stopping = true;
      queueMicrotask(() => this.#stopIfIdle());
    }
  }
  onMessage(listener: (m: FromWorker) => void): void {
    this.#onMessage.push(listener);
  }
  onExit(listener: (e: WorkerExit) => void): void {
    this.#onExit.push(listener);
  }
  terminate(signal?: "SIGTERM" | "SIGKILL"): void {
    this.terminations.push(signal);
    if (this.stuck) {
      for (const l of this.#onUnstoppable) l();
      return;
    }
    if (signal === "SIGTERM" && this.ignoresSigterm) return;
    queueMicrotask(() => this.die(null, signal ?? "SIGTERM"));
  }

  onUnstoppable(listener: () => void): void {
    this.#onUnstoppable.push(listener);
  }
  ref(): void {
    this.referenced = true;
  }
  unref(): void {
    this.referenced = false;
  }
  #start(v: number): void {
    if (this.startup === "slow") return; // still loading its module: the test ends it
    if (this.startup === "ready") this.#emit({ t: "ready", v });
    else if (this.startup === "exit") this.die(1);
    else if (this.startup === "kill") this.die(null, "SIGKILL");
    else {
      const error =
        this.startup === "init-throws"
          ? { name: "Error", message: "thrown at import" }
          : { name: "Error", message: "Cannot find module 'tasks.mjs'" };
      this.#emit({ t: "init-failed", stage: "module", error });
      // As the task server does: calls that came with "init" are dropped, and a "stop" that
      // came too ends the worker now.
      this.calls.length = 0;
      if (this.#stopping) queueMicrotask(() => this.#stopIfIdle());
    }
  }
  /** Answers the oldest unanswered call with an error, as the task server does for a throw or `reason`. */
  failOne(error: { name: string; message: string }, reason?: "unknown-task" | "unsendable-result"): boolean {
    const call = this.unanswered()[0];
    if (!call || !this.alive) return false;
    this.answered.add(call.id);
    this.started.push(call.id);
    this.#emit({ t: "err", id: call.id, error, ...(reason ? { reason, available: ["a", "b"] } : {}) });
    if (this.#stopping) queueMicrotask(() => this.#stopIfIdle());
    return true;
  }
  /**
   * Answers the oldest unanswered call, if any, as an identity task would: with its first
   * argument, or for a chunk with its items (each argument list's first element for starmap).
   */
  answerOne(): boolean {
    const call = this.calls.find((c) => !this.answered.has(c.id));
    if (!call || !this.alive) return false;
    this.answered.add(call.id);
    this.started.push(call.id);
    const value = !call.chunk
      ? call.args[0]
      : call.chunk === "items"
        ? call.args
        : call.chunk === "packed"
          ? unpackList(call.args as Packed)
          : call.args.map((list) => (list as unknown[])[0]);
    this.#emit({ t: "ok", id: call.id, value });
    if (this.#stopping) queueMicrotask(() => this.#stopIfIdle());
    return true;
  }
  /**
   * Answers the `count` oldest unanswered calls as the task server does for quick calls that came
   * together: the results in one "replies" message, each failure (`fail` names the ids) alone,
   * in order.
   */
  answerMany(count: number, fail: number[] = []): number {
    const calls = this.unanswered().slice(0, count);
    if (calls.length === 0 || !this.alive) return 0;
    let ids: number[] = [];
    let values: unknown[] = [];
    const flush = () => {
      if (ids.length > 0) this.#emit({ t: "replies", ids, values });
      ids = [];
      values = [];
    };
    for (const call of calls) {
      this.answered.add(call.id);
      this.started.push(call.id);
      if (fail.includes(call.id)) {
        flush();
        this.#emit({ t: "err", id: call.id, error: { name: "RangeError", message: `bad ${call.id}` } });
      } else {
        ids.push(call.id);
        values.push(call.args[0]);
      }
    }
    flush();
    if (this.#stopping) queueMicrotask(() => this.#stopIfIdle());
    return calls.length;
  }
  #stopIfIdle(): void {
    if (this.unanswered().length === 0 && !this.lingers) this.die(0);
  }
  /** Calls sent and not answered, oldest first. */
  unanswered(): Call[] {
    return this.calls.filter((c) => !this.answered.has(c.id));
  }
  /**
   * Dies as a worker whose entry caught the exit does: it first names the calls it had started
   * (the first `started` unanswered ones; by default as many as `concurrency` allows).
   */
  exitNaming(code: number, started = this.concurrency): void {
    if (!this.alive) return;
    const running = this.unanswered().slice(0, started);
    this.#emit({ t: "exiting", running: running.map((c) => c.id) });
    this.#named = started;
    this.die(code);
  }
  die(
    code: number | null,
    signal: string | null = null,
    error?: unknown,
    memory?: WorkerExit["memory"],
  ): void {
    if (!this.alive) return;
    this.alive = false;
    this.diedAt = this.clock?.died();
    // A real worker starts calls in order, `concurrency` at a time: these were running
    // (or, if it named them as it exited, those it named).
    const running = this.unanswered().slice(0, this.#named ?? this.concurrency);
    this.started.push(...running.map((c) => c.id));
    for (const l of this.#onExit) l({ code, signal, error, memory });
  }
  #emit(m: FromWorker): void {
    if (this.alive) for (const l of this.#onMessage) l(m);
  }
}

function withoutType(message: Call & { t: "call" }): Call {
  const { t: _type, ...call } = message;
  return call;
}

/**
 * Orders what happens across one adapter's workers: each send and each death takes the next
 * `seq`. `turn` numbers the synchronous runs calls were sent in: one pass of the pool sends to
 * several workers worker by worker, so within a turn the order across workers means nothing.
 */
export class EventClock {
  readonly sends: { id: number; worker: FakeWorker; seq: number; turn: number }[] = [];
  #seq = 0;
  #turn = 0;
  #open = false;

  sent(id: number, worker: FakeWorker): void {
    if (!this.#open) {
      this.#open = true;
      this.#turn++;
      queueMicrotask(() => {
        this.#open = false;
      });
    }
    this.sends.push({ id, worker, seq: ++this.#seq, turn: this.#turn });
  }

  died(): number {
    return ++this.#seq;
  }
}

/**
 * `startup` says what each new worker (0, 1, …) does with "init" (default: "ready");
 * `spawnError`, if set, is thrown by spawn(); `signals` is the fake kind's capability (default
 * true, as a process's: its calls then never go marked `quick`; a reason, as a thread's).
 */
export function fakeAdapter(
  options: {
    startup?: (index: number) => Startup;
    spawnError?: Error;
    signals?: true | string;
    /** Its workers take the init message offered at spawn, as Node's threads do. */
    takesInit?: true;
  } = {},
): Adapter & { workers: FakeWorker[]; sendLog: number[]; clock: EventClock } {
  const workers: FakeWorker[] = [];
  const sendLog: number[] = [];
  const clock = new EventClock();
  return {
    name: "fake",
    kinds: ["thread"],
    capabilities: {
      thread: {
        ...FULL_CAPABILITIES,
        signals: options.signals ?? true,
        undeliveredSends: "the fake's sends always arrive, or throw",
      },
    },
    workers,
    sendLog,
    clock,
    spawn(spawnedAs) {
      if (options.spawnError) throw options.spawnError;
      const w = new FakeWorker(
        sendLog,
        clock,
        options.startup?.(workers.length),
        spawnedAs,
        options.takesInit,
      );
      workers.push(w);
      return w;
    },
    availableParallelism: () => 2,
    resolveModule: (m) => String(m),
  };
}

export const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Lets the pool and the fake workers react: microtasks only, so it works with fake timers too. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/** Answers every call of every worker, as they come, until `done` says so (or 1000 rounds). */
export async function answerAll(adapter: { workers: FakeWorker[] }, done: () => boolean): Promise<void> {
  for (let round = 0; round < 1000 && !done(); round++) {
    for (const w of adapter.workers) while (w.answerOne());
    await settle();
  }
}

/** A promise's outcome, readable without awaiting it (one that never settles stays "pending"). */
export function track(promise: Promise<unknown>) {
  const outcome: { state: "pending" | "ok" | "error"; value?: unknown; error?: unknown } = {
    state: "pending",
  };
  promise.then(
    (value) => Object.assign(outcome, { state: "ok", value }),
    (error) => Object.assign(outcome, { state: "error", error }),
  );
  return outcome;
}
