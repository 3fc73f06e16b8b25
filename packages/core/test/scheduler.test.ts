// The scheduler's decisions, over plain worker views: no worker, no adapter, no timing.
import { describe, expect, it } from "vitest";
import { FifoScheduler, Task, type WorkerState, type WorkerView } from "../src/adapter-api.ts";

/** A worker as the scheduler sees it; `take` plays the engine's part of sending it a task. */
class View implements WorkerView {
  readonly got: number[] = [];
  constructor(
    public state: WorkerState = "ready",
    public inFlight = 0,
    public cancellableInFlight = 0,
    public completed = 0,
    public lastAnswerAt = 0,
    public awake = false,
  ) {}
  take(task: Task): void {
    this.got.push(task.id);
    this.inFlight++;
    if (task.cancellable) this.cancellableInFlight++;
  }
}

let nextId = 1;
const task = (cancellable = false) =>
  new Task(nextId++, { task: "f", args: [], options: cancellable ? { timeout: 60_000 } : undefined });
/** One chunk of a map. */
const chunk = () => new Task(nextId++, { task: "f", args: [1, 2, 3], chunk: "items" });

const policy = { workers: 2, concurrency: 1, prefetch: 4, maxTasksPerWorker: Number.POSITIVE_INFINITY };

function scheduler(options = {}) {
  nextId = 1;
  return new FifoScheduler({ ...policy, ...options });
}

/** One worker, `count` calls made by `make` queued, observed at `ms` each, one dispatch: what it got. */
function dispatchToOne(prefetch: number, count: number, make: () => Task<unknown>, ms: number): View {
  const s = scheduler({ workers: 1, prefetch }); // first: it numbers the calls from 1
  const a = new View();
  for (let i = 0; i < count; i++) s.enqueue(make());
  s.observe(ms);
  s.dispatch([a], (t, w) => w.take(t));
  return a;
}

describe("FifoScheduler", () => {
  it("hands tasks out in submission order, each to the least busy ready worker, up to concurrency", () => {
    const s = scheduler();
    const [a, b, starting] = [new View(), new View(), new View("starting")];
    for (let i = 0; i < 5; i++) s.enqueue(task());
    s.dispatch([a, b, starting], (t, w) => w.take(t));
    expect([a.got, b.got, starting.got]).toEqual([[1], [2], []]);
    expect(s.waiting).toBe(3);
  });

  it("sends short tasks ahead only once every worker is up, topping up those at half their window", () => {
    const s = scheduler();
    const [a, b] = [new View(), new View("starting")];
    for (let i = 0; i < 10; i++) s.enqueue(task());
    s.observe(0.1); // tasks are short
    s.dispatch([a, b], (t, w) => w.take(t));
    expect(a.got).toEqual([1]); // b is still starting: nothing goes ahead
    b.state = "ready";
    s.dispatch([a, b], (t, w) => w.take(t));
    // concurrency 1 + prefetch 4: five each at most, FIFO across the two
    expect(a.inFlight).toBe(5);
    expect(b.inFlight).toBe(5);
    a.inFlight = 4; // above the low water mark (1 + 4/2 = 3): not topped up yet
    for (let i = 0; i < 4; i++) s.enqueue(task()); // enough waiting that a's fair share is its window
    s.dispatch([a, b], (t, w) => w.take(t));
    expect(s.waiting).toBe(4);
    a.inFlight = 2; // down to the mark for a queue this short (ahead: its share, 2; 1 + 2/2 = 2)
    s.dispatch([a, b], (t, w) => w.take(t));
    expect(s.waiting).toBe(3);
  });

  it("sends ahead no more than a worker's even share of a short queue", () => {
    const s = scheduler({ prefetch: 16 });
    const [a, b] = [new View(), new View()];
    s.observe(0.1); // tasks are short: a window of 16 each
    for (let i = 0; i < 10; i++) s.enqueue(task());
    // a is topped up first; it must not take the whole queue while b is about to have room.
    b.inFlight = 17;
    s.dispatch([a, b], (t, w) => w.take(t));
    expect(a.got).toHaveLength(1 + 5); // concurrency 1, then ceil(9 / 2) ahead
    b.inFlight = 1;
    s.dispatch([a, b], (t, w) => w.take(t));
    expect(b.got).toHaveLength(2); // its share of the 4 left: ceil(4 / 2)
  });

  it("sends ahead no more than about 8 ms of work: the whole prefetch for tiny tasks, less for longer", () => {
    for (const [ms, held] of [
      [0.01, 1 + 16],
      [1, 1 + 8],
      [1.9, 1 + 5],
    ] as const) {
      expect(dispatchToOne(16, 40, task, ms).inFlight).toBe(held);
    }
  });

  it("never sends a task with a timeout or signal ahead, and lets nothing overtake it", () => {
    const s = scheduler({ workers: 1 });
    const a = new View();
    s.observe(0.1);
    s.enqueue(task());
    s.enqueue(task(true));
    s.enqueue(task());
    s.dispatch([a], (t, w) => w.take(t));
    expect(a.got).toEqual([1]);
    expect(s.waiting).toBe(2); // the cancellable one waits for a free slot; the one behind it too
  });

  it("does not send ahead while tasks are long, or with prefetch 0", () => {
    for (const [ms, prefetch] of [
      [50, 4],
      [0.1, 0],
    ] as const) {
      expect(dispatchToOne(prefetch, 3, task, ms).got).toEqual([1]);
    }
  });

  it("sends a map's chunks ahead while they are not long (under 20 ms), and nothing behind them that is not a chunk", () => {
    for (const [ms, held] of [
      [6, 1 + 2], // about 8 ms of work ahead: two chunks
      [15, 1 + 1],
      [25, 1], // long chunks: one held ahead could leave the other worker idle at the end
    ] as const) {
      expect(dispatchToOne(16, 10, chunk, ms).inFlight).toBe(held);
    }
    // A plain call of 6 ms is not sent ahead, even right behind chunks.
    const s = scheduler({ workers: 1, prefetch: 16 });
    const a = new View();
    s.enqueue(chunk());
    s.enqueue(chunk());
    s.enqueue(task());
    s.enqueue(chunk());
    s.observe(6);
    s.dispatch([a], (t, w) => w.take(t));
    expect(a.got).toEqual([1, 2]);
    expect(s.waiting).toBe(2);
  });

  it("starts workers for the waiting tasks, never more than `workers` alive, stopping ones included", () => {
    const s = scheduler({ workers: 3, concurrency: 2 });
    for (let i = 0; i < 5; i++) s.enqueue(task());
    expect(s.workersToStart([])).toBe(3);
    expect(s.workersToStart([new View("starting")])).toBe(2); // 5 - 2 served by the starting one
    expect(s.workersToStart([new View("stopping"), new View("stopping")])).toBe(1);
    expect(s.workersToStart([new View("gone"), new View("stopping"), new View("ready", 2)])).toBe(1);
  });

  it("retires a worker at maxTasksPerWorker, and stops idle ones once the pool is closed and empty", () => {
    const s = scheduler({ maxTasksPerWorker: 3 });
    expect(s.shouldRetire(new View("ready", 0, 0, 2))).toBe(false);
    expect(s.shouldRetire(new View("ready", 0, 0, 3))).toBe(true);
    expect(s.whenIdle(new View(), false)).toBe("idle");
    expect(s.whenIdle(new View(), true)).toBe("stop");
    expect(s.whenIdle(new View("ready", 1), true)).toBeUndefined();
    s.enqueue(task());
    expect(s.whenIdle(new View(), true)).toBe("idle"); // a task still waits: keep it
  });

  it("puts a dead worker's unstarted calls back at the head, in their order", () => {
    const s = scheduler({ workers: 1 });
    const [t1, t2, t3, t4] = [task(), task(), task(), task()];
    s.enqueue(t3);
    s.enqueue(t4);
    s.requeueFront([t1, t2]);
    const a = new View("ready");
    const order: number[] = [];
    for (let i = 0; i < 4; i++) {
      a.inFlight = 0;
      s.dispatch([a], (t) => order.push(t.id));
    }
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it("gives a call to the idle worker that has slept longest, so one call at a time alternates", () => {
    const s = scheduler();
    const [a, b, c] = [
      new View("ready", 0, 0, 3, 30),
      new View("ready", 0, 0, 3, 10),
      new View("ready", 0, 0, 3, 20),
    ];
    s.enqueue(task());
    s.dispatch([a, b, c], (t, w) => w.take(t));
    expect([a.got, b.got, c.got]).toEqual([[], [1], []]);
    // A busy worker never wins over an idle one, however long ago it last answered.
    const busy = new View("ready", 1, 0, 3, 0);
    s.enqueue(task());
    s.dispatch([busy, a], (t, w) => w.take(t));
    expect([busy.got, a.got]).toEqual([[], [2]]);
  });

  it("gives a call to an idle worker awake on its mailbox before one that slept longer", () => {
    const s = scheduler();
    const awake = new View("ready", 0, 0, 3, 30, true);
    const [a, b] = [new View("ready", 0, 0, 3, 10), new View("ready", 0, 0, 3, 20)];
    s.enqueue(task());
    s.dispatch([a, awake, b], (t, w) => w.take(t));
    expect([a.got, awake.got, b.got]).toEqual([[], [1], []]);
    // Awake but busy: an idle worker still comes first.
    const [busyAwake, idle] = [new View("ready", 1, 0, 3, 0, true), new View("ready", 0, 0, 3, 40)];
    s.enqueue(task());
    s.dispatch([busyAwake, idle], (t, w) => w.take(t));
    expect([busyAwake.got, idle.got]).toEqual([[], [2]]);
  });
});
