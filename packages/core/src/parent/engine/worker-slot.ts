// The parent's side of one worker: the init handshake, the calls it runs, and how it ended.
// It turns wire replies into typed errors; what to do about them is the owner's (an engine, a
// Process). The scheduler reads it only through WorkerView. The calls it remembers are in
// sent-calls.ts, how they go on the wire in slot-wire.ts, failure replies' errors in slot-errors.ts.

import { newAgentId } from "../../talk/agent.ts";
import { type HandOff, handOff } from "../../talk/handoff.ts";
import { RELEASE_FOR, type Talker, talkersMade } from "../../talk/talker.ts";
import {
  type Call,
  type FromWorker,
  type InitMessage,
  PROTOCOL_VERSION,
  type ToWorker,
} from "../../wire/protocol.ts";
import { type Packed, unpackList } from "../../wire/records.ts";
import type { WorkerHandle } from "../adapter.ts";
import { SerializationError } from "../errors.ts";
import type { WorkerState, WorkerView } from "./scheduler.ts";
import { SentCalls } from "./sent-calls.ts";
import { callError, initError } from "./slot-errors.ts";
import type { Answer, SlotEvents, SlotStart, SlotTask } from "./slot-events.ts";
import { SlotHold } from "./slot-hold.ts";
import { callMessage, describe, transfersOf, wireCall } from "./slot-wire.ts";
import { unsendablePart } from "./unsendable.ts";

export type { Answer, SlotEvents, SlotInit, SlotStart, SlotTask } from "./slot-events.ts";

export class WorkerSlot implements WorkerView {
  readonly handle: WorkerHandle;
  /** When the worker was started (performance.now()). */
  readonly startedAt = performance.now();
  /** The worker's pid (or thread id) as it started: a runtime may forget it once the worker ends. */
  readonly pid: number | undefined;
  /** Calls sent and not yet answered, and what is known of which ones the worker started. */
  readonly #running = new SentCalls<SlotTask>();
  readonly #concurrency: number;
  readonly #module: string;
  /** The one Answer object this slot hands its owner, refilled for each answer. */
  readonly #answer: Answer = { task: undefined as unknown as SlotTask, ok: true, value: undefined, ms: 0 };
  /** Numbers in map chunks go as Float64Array (see WorkerHandle.packNumbers). */
  readonly #packNumbers: boolean;
  /** When the last answer came (performance.now()), to measure how long calls take. */
  #lastReplyAt = 0;
  #state: WorkerState = "starting";
  #completed = 0;
  #readyOnce = false;
  #killedWith: "SIGTERM" | "SIGKILL" | undefined;
  #unstoppable = false;
  readonly #hold: SlotHold;
  #outbox: SlotTask[] = [];
  /** Chunks that could not be sent when assigned: flush() returns them with their error. */
  #unsent: { task: SlotTask; error: SerializationError }[] | undefined;
  readonly #kind: string;
  /**
   * Whether quick calls may go marked `quick`, so that the worker holds their results back to send
   * them together. Not where a signal can end a worker without a word (a process: SIGKILL, the OOM
   * killer): there every result leaves before the next call starts, so the parent knows exactly
   * which calls the dead worker had started, and runs every other one elsewhere.
   */
  readonly #mayHoldResults: boolean;
  /** The id the worker's thread owns Locks under (talk/agent.ts). */
  readonly #agent = newAgentId();
  /** Queues, Locks, … handed to the worker: what it held in them is freed when it ends. */
  readonly #held = new Set<Talker>();

  constructor({ adapter, kind, name, maxMemory, init, events }: SlotStart) {
    this.#concurrency = init.concurrency ?? 1;
    this.#kind = kind;
    this.#mayHoldResults = adapter.capabilities[kind]?.signals !== true;
    const initHanded = handOff(init.initArgs ?? [], kind, "initArgs");
    this.#module = init.module;
    const talk = initHanded ? { initArgs: initHanded.args, initLive: true as const } : {};
    const first: InitMessage = { t: "init", v: PROTOCOL_VERSION, ...init, ...talk, agent: this.#agent };
    // Handed over at start only without initArgs: a value that cannot be cloned must fail a send.
    const offerInit = (init.initArgs?.length ?? 0) === 0;
    const bounded = maxMemory !== undefined && Number.isFinite(maxMemory) ? { maxMemory } : {};
    this.handle = adapter.spawn({ kind, name, ...bounded, ...(offerInit ? { init: first } : {}) });
    this.pid = this.handle.pid;
    this.#packNumbers = this.handle.packNumbers === true;
    this.handle.onMessage((message) => this.#receive(message, events));
    // A message that never reached the worker: the calls in it never started.
    this.handle.onUndelivered?.((message) => this.#running.undelivered(callIds(message)));
    this.handle.onUnstoppable?.(() => {
      this.#unstoppable = true;
      events.unstoppable?.(this);
    });
    this.#hold = new SlotHold(this.handle);
    this.handle.onExit((exit) => {
      this.#state = "gone";
      this.#hold.ended();
      this.#releaseHeld();
      events.exited(this, exit);
    });
    if (initHanded) this.#keep(initHanded);
    if (offerInit && this.handle.tookInit === true) return;
    try {
      this.handle.send(this.#packNumbers ? { ...first, packNumbers: true } : first);
    } catch (error) {
      // The worker was started: end it, or it would keep the program alive with no owner.
      this.kill("SIGKILL");
      throw error;
    }
  }

  get state(): WorkerState {
    return this.#state;
  }

  get inFlight(): number {
    return this.#running.size;
  }

  get cancellableInFlight(): number {
    return this.#running.cancellable;
  }

  get completed(): number {
    return this.#completed;
  }

  get lastAnswerAt(): number {
    return this.#lastReplyAt;
  }

  get awake(): boolean {
    return this.handle.awake?.() === true;
  }

  /** Whether the worker ever finished its init handshake. */
  get readyOnce(): boolean {
    return this.#readyOnce;
  }

  /** Set once ending the worker failed to end it (see WorkerHandle.onUnstoppable); it may still end later. */
  get unstoppable(): boolean {
    return this.#unstoppable && this.#state !== "gone";
  }

  /** Set when the owner ended the worker on purpose, with the signal it used. */
  get killedWith(): "SIGTERM" | "SIGKILL" | undefined {
    return this.#killedWith;
  }

  /** Sends one call now. Throws SerializationError (and runs nothing) when the arguments cannot be cloned. */
  run(task: SlotTask): void {
    this.#send([task]);
    this.#track(task);
  }

  /**
   * Queues a call for the next flush(): one message carries all the calls queued since. A map's
   * chunk assigned while nothing is queued goes at once, in a message of its own: it carries many
   * items, so a message each costs little, and the workers start on their first chunks while the
   * next are handed out. (After other calls in the outbox, it goes with them, in order.)
   */
  assign(task: SlotTask): void {
    if (task.chunk !== undefined && this.#outbox.length === 0) {
      this.#track(task);
      const error = this.#sendAlone(task);
      if (error) {
        this.#unsent ??= [];
        this.#unsent.push({ task, error });
      }
      return;
    }
    this.#outbox.push(task);
    this.#track(task);
  }

  /**
   * Sends the queued calls in one message. If one of them cannot be cloned, each is sent alone
   * so that only the bad ones fail; those are returned with their SerializationError, with
   * the chunks that failed to go when assigned. `alone`: the pool has no other call in flight
   * and none waiting, so a lone call goes marked `spin` (see Call.spin).
   */
  flush(alone = false): readonly { task: SlotTask; error: SerializationError }[] {
    const batch = this.#outbox;
    const failed = this.#unsent ?? [];
    this.#unsent = undefined;
    if (batch.length === 0) return failed.length > 0 ? failed : NONE_FAILED;
    this.#outbox = [];
    try {
      this.#send(batch, alone);
    } catch {
      for (const task of batch) {
        const error = this.#sendAlone(task);
        if (error) failed.push({ task, error });
      }
    }
    return failed.length > 0 ? failed : NONE_FAILED;
  }

  /** Sends a tracked call in a message of its own; if it cannot be cloned, forgets it and returns why. */
  #sendAlone(task: SlotTask): SerializationError | undefined {
    try {
      this.#send([task]);
      return undefined;
    } catch (error) {
      this.untrack(task);
      return error as SerializationError;
    }
  }

  #send(tasks: SlotTask[], alone = false): void {
    const message: ToWorker =
      tasks.length === 1 ? this.#callMessage(tasks[0] as SlotTask, alone) : this.#callsMessage(tasks);
    const transfer = tasks.length === 1 ? tasks[0]?.transfer : transfersOf(tasks);
    try {
      this.handle.send(message, transfer);
    } catch (error) {
      const first = tasks[0] as SlotTask;
      // A call alone: say which of its values failed (a transfer list could be why instead).
      const part =
        tasks.length === 1 && !first.transfer?.length ? unsendablePart(first.args, first.chunk) : undefined;
      const detail = part ? `${part} cannot be cloned (${describe(error)})` : describe(error);
      throw new SerializationError("arguments", detail, { task: first.fn, module: this.#module });
    }
  }

  #callMessage(task: SlotTask, alone: boolean): ToWorker {
    const handed = this.#handOff(task);
    task.sentInMessage = this.#running.nextMessage();
    task.sentQuick = false; // alone in its message: nothing is held while it runs
    const message = callMessage(task, this.#packNumbers, handed);
    if (alone && message.t === "call" && task.chunk === undefined) message.spin = true;
    return message;
  }

  /** The call's arguments with its Queues, Locks, … as wire forms, kept to free when the worker ends; or undefined. */
  #handOff(task: SlotTask): HandOff | undefined {
    const handed = handOff(task.args, this.#kind, "the arguments");
    if (handed) this.#keep(handed);
    return handed;
  }

  #keep(handed: HandOff): void {
    for (const talker of handed.held) this.#held.add(talker);
  }

  /** The worker ended: a Lock it held is let go, a pipe end it had is closed, … (talk/talker.ts). */
  #releaseHeld(): void {
    for (const talker of this.#held) talker[RELEASE_FOR]?.(this.#agent);
    this.#held.clear();
  }

  #callsMessage(tasks: SlotTask[]): ToWorker {
    const calls: Call[] = [];
    // May refuse (kind "process"), before anything is marked sent.
    const handed = talkersMade() ? tasks.map((task) => this.#handOff(task)) : undefined;
    const messageNo = this.#running.nextMessage();
    for (let i = 0; i < tasks.length; i++) {
      const task = tasks[i] as SlotTask;
      task.sentInMessage = messageNo;
      task.sentQuick = this.#mayHoldResults && this.#running.isQuick(task);
      calls.push(wireCall(task, this.#packNumbers, task.sentQuick, handed?.[i]));
    }
    return { t: "calls", calls };
  }

  #track(task: SlotTask): void {
    task.sentTo(this);
    this.#running.add(task);
  }

  /** Forgets every unanswered call, sorted into those the worker may have started and the rest. */
  takeUnanswered(): { started: SlotTask[]; unstarted: SlotTask[] } {
    return this.#running.takeUnanswered(this.#concurrency);
  }

  /** Forgets a call: answered, cancelled, or taken back after the worker died. */
  untrack(task: SlotTask): void {
    this.#running.delete(task);
  }

  /** Work came: cancel the idle timer, and keep the program alive while the work runs. */
  busy(): void {
    this.#hold.clearIdleTimer();
    this.#hold.ref();
  }

  clearIdleTimer(): void {
    this.#hold.clearIdleTimer();
  }

  /** No work: the worker must not keep the program alive, and ends after `idleTimeout` ms. */
  idle(idleTimeout: number): void {
    this.#hold.unref();
    this.#hold.idleFor(idleTimeout, () => {
      if (this.#state === "ready" && this.#running.size === 0) this.stop();
    });
  }

  /** Asks the worker to end once its calls are answered. */
  stop(): void {
    if (this.#state === "gone" || this.#state === "stopping") return;
    this.#state = "stopping";
    this.#hold.ref(); // its exit is awaited (join, terminate): keep the program alive for it
    this.handle.send({ t: "stop" });
  }

  /**
   * Ends the worker with `signal`. With `graceMs`, a worker still alive that long after SIGTERM
   * (a task that handles the signal) gets SIGKILL.
   */
  kill(signal: "SIGTERM" | "SIGKILL", graceMs?: number): void {
    if (this.#state === "gone") return;
    this.#killedWith ??= signal;
    this.#state = "stopping";
    this.#hold.ref(); // its exit is awaited (join, terminate): keep the program alive for it
    this.handle.terminate(signal);
    if (signal === "SIGTERM" && graceMs !== undefined)
      this.#hold.killAfter(graceMs, () => this.#state !== "gone");
  }

  #receive(message: FromWorker, events: SlotEvents): void {
    switch (message.t) {
      case "ready":
        this.#readyOnce = true;
        if (this.#state === "starting") this.#state = "ready";
        events.ready(this);
        return;
      case "exiting":
        this.#running.exiting(message.running);
        if (this.#state === "gone") return;
        this.#state = "stopping"; // send it nothing more
        // Its exit is awaited: calls waiting for its replacement start only then, so an idle
        // (unref'd) worker must keep the program alive until it is gone.
        this.#hold.ref();
        return;
      case "init-failed":
        events.initFailed(this, initError(this.#module, message));
        return;
      case "ok":
      case "err": {
        const task = this.#running.get(message.id);
        if (!task) return; // already settled here: timed out or aborted
        // Time in the worker, roughly: since it was sent, or since the worker's previous answer.
        const now = performance.now();
        const ms = now - Math.max(task.sentAt, this.#lastReplyAt);
        this.#lastReplyAt = now;
        if (message.t === "ok") {
          const value = message.packed ? unpackList(message.value as Packed) : message.value;
          this.#answered(task, true, value, ms, false, events);
        } else this.#answered(task, false, callError(this.#module, task.fn, message), ms, false, events);
        return;
      }
      case "progress":
        this.#running.get(message.id)?.progressed(message.value);
        return;
      case "replies": {
        // Results held back to travel together: the time since the first was sent (or since the
        // previous answer) is shared evenly among them.
        const { ids, values } = message;
        const first = this.#running.get(ids[0] as number);
        const now = performance.now();
        const ms = (now - Math.max(first?.sentAt ?? this.#lastReplyAt, this.#lastReplyAt)) / ids.length;
        this.#lastReplyAt = now;
        // Calls settled here already (timed out, aborted) are skipped; the last one answered
        // tells the owner that no more follow.
        let last = ids.length - 1;
        while (last >= 0 && !this.#running.has(ids[last] as number)) last--;
        for (let i = 0; i <= last; i++) {
          const task = this.#running.get(ids[i] as number);
          if (task) this.#answered(task, true, values[i], ms, i < last, events);
        }
        return;
      }
    }
  }

  /** One call answered: forgotten here, its value or typed error handed to the owner. */
  #answered(
    task: SlotTask,
    ok: boolean,
    value: unknown,
    ms: number,
    more: boolean,
    events: SlotEvents,
  ): void {
    this.untrack(task);
    this.#completed++;
    this.#running.timed(task.fn, ms);
    const answer = this.#answer;
    answer.task = task;
    answer.ok = ok;
    answer.value = value;
    answer.ms = ms;
    events.answered(this, answer, more);
  }
}

/** The ids of the calls a message carried (none for init and stop). */
function callIds(message: ToWorker): number[] {
  if (message.t === "call") return [message.id];
  if (message.t === "calls") return message.calls.map((call) => call.id);
  return [];
}

/** flush() when every call was sent: one shared empty list, as the pool flushes after every submit. */
const NONE_FAILED: readonly { task: SlotTask; error: SerializationError }[] = Object.freeze([]);
