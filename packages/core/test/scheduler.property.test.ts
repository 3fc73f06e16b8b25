// Random interleavings of submit, map, complete, crash, timeout, abort and close, with and without
// calls sent ahead (prefetch): no task is lost or run twice, and tasks start in submission order.
// The clock is fake, so a run replays exactly: "tick" moves it 1 ms (timeouts fire), "slow" 3 ms
// (tasks stop counting as short, so nothing more is sent ahead until they are short again).
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Call } from "../src/adapter-api.ts";
import { type Packed, unpackList } from "../src/wire/records.ts";
import { newPool } from "./bound.ts";
import { type EventClock, type FakeWorker, fakeAdapter, settle } from "./fake-adapter.ts";

type Action =
  | { do: "submit" }
  | { do: "submitCancellable"; timeout: number | undefined }
  | { do: "map"; items: number; chunksize: number | undefined }
  | { do: "complete"; worker: number }
  | { do: "crash"; worker: number }
  | { do: "crashBusiest"; naming: boolean }
  | { do: "abort"; task: number }
  | { do: "tick" }
  | { do: "slow" };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ do: "submit" } as const) },
  {
    weight: 2,
    arbitrary: fc
      .option(fc.integer({ min: 1, max: 4 }), { nil: undefined })
      .map((timeout) => ({ do: "submitCancellable", timeout }) as const),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        items: fc.integer({ min: 0, max: 12 }),
        chunksize: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      })
      .map(({ items, chunksize }) => ({ do: "map", items, chunksize }) as const),
  },
  { weight: 6, arbitrary: fc.nat(3).map((worker) => ({ do: "complete", worker }) as const) },
  { weight: 1, arbitrary: fc.nat(3).map((worker) => ({ do: "crash", worker }) as const) },
  // The worker holding the most calls, most of them sent ahead; it may name its running calls as it goes.
  { weight: 1, arbitrary: fc.boolean().map((naming) => ({ do: "crashBusiest", naming }) as const) },
  { weight: 1, arbitrary: fc.nat(60).map((task) => ({ do: "abort", task }) as const) },
  { weight: 1, arbitrary: fc.constant({ do: "tick" } as const) },
  { weight: 1, arbitrary: fc.constant({ do: "slow" } as const) },
);

type Outcome = { state: "pending" | "ok" | "error"; value?: unknown; error?: unknown; cancellable: boolean };
/** A map's items (numbers from MAP_ITEMS up, apart from single calls' arguments) and how it ended. */
type MapOutcome = Outcome & { items: number[] };
const MAP_ITEMS = 100_000;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("FIFO scheduler under random interleavings (fast-check)", () => {
  it("never loses or duplicates a task, and starts tasks in submission order", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(action, { maxLength: 150, size: "max" }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 2 }),
        fc.constantFrom(0, 1, 2, 4, 16),
        fc.nat(150), // the pool is closed after this many actions (if there are that many)
        // A process's worker (signals: no call marked quick) or a thread's (quick answers held).
        fc.constantFrom(true as const, "a thread: no signal reaches it alone"),
        async (actions, workers, concurrency, prefetch, closeAt, signals) => {
          const adapter = fakeAdapter({ signals });
          const pool = newPool({ module: "file:///tasks.mjs", workers, concurrency, prefetch }, adapter);
          const outcomes: Outcome[] = [];
          const maps: MapOutcome[] = [];
          let nextItem = MAP_ITEMS;
          const controllers: AbortController[] = [];
          let closed = false;
          const submit = (options?: { timeout: number | undefined; signal: AbortSignal }) => {
            const i = outcomes.length;
            const outcome: Outcome = { state: "pending", cancellable: options !== undefined };
            outcomes.push(outcome);
            pool.apply("task", [i], options).then(
              (value) => Object.assign(outcome, { state: "ok", value }),
              (error) => Object.assign(outcome, { state: "error", error }),
            );
          };
          const alive = () => adapter.workers.filter((w) => w.alive);
          for (const [step, a] of actions.entries()) {
            if (step === closeAt) {
              pool.close();
              closed = true;
            }
            if (a.do === "submit" && !closed) submit();
            else if (a.do === "map" && !closed) {
              const items = Array.from({ length: a.items }, () => nextItem++);
              const outcome: MapOutcome = { state: "pending", cancellable: false, items };
              maps.push(outcome);
              pool.map("task", items, { chunksize: a.chunksize }).then(
                (value) => Object.assign(outcome, { state: "ok", value }),
                (error) => Object.assign(outcome, { state: "error", error }),
              );
            } else if (a.do === "submitCancellable" && !closed) {
              const controller = new AbortController();
              controllers.push(controller);
              submit({ timeout: a.timeout, signal: controller.signal });
            } else if (a.do === "complete") alive()[a.worker]?.answerOne();
            else if (a.do === "crash") alive()[a.worker]?.die(9);
            else if (a.do === "crashBusiest") {
              const busiest = alive().sort((x, y) => y.unanswered().length - x.unanswered().length)[0];
              if (a.naming) busiest?.exitNaming(9);
              else busiest?.die(9);
            } else if (a.do === "abort") controllers[a.task % Math.max(1, controllers.length)]?.abort("test");
            else if (a.do === "tick") vi.advanceTimersByTime(1);
            else if (a.do === "slow") vi.advanceTimersByTime(3);
            await settle();
          }
          pool.close();
          let joined = false;
          pool.join().then(() => {
            joined = true;
          });
          // Answer everything left until the pool has drained.
          for (let round = 0; round < 1000 && !joined; round++) {
            for (const w of adapter.workers) while (w.answerOne());
            await settle();
          }
          expect(joined).toBe(true);
          checkInvariants(adapter, outcomes, concurrency);
          checkMaps(adapter, maps);
        },
      ),
      { numRuns: 300 },
    );
  });
});

function checkInvariants(
  { workers, sendLog, clock }: ReturnType<typeof fakeAdapter>,
  outcomes: Outcome[],
  concurrency: number,
) {
  // Nothing started twice (a dead worker's unstarted calls may be sent again, never run twice);
  // everything answered "ok" got its own value back.
  const started = workers.flatMap((w) => w.started);
  expect(new Set(started).size).toBe(started.length);
  const startedArgs = new Set(
    workers.flatMap((w) => w.calls.filter((c) => startedOrMayHave(w, c)).map((c) => c.args[0])),
  );
  outcomes.forEach((o, i) => {
    expect(o.state).not.toBe("pending");
    if (o.state === "ok") expect(o.value).toBe(i);
    else expect((o.error as Error).name).toMatch(/AbortError|TimeoutError|WorkerExitError/);
    // Only a call its worker had started (or may have) may fail with its worker: the others run again.
    if ((o.error as Error | undefined)?.name === "WorkerExitError") expect(startedArgs.has(i)).toBe(true);
  });
  checkFifo(clock);
  const resent = new Set(sendLog.filter((id, i) => sendLog.indexOf(id) !== i));
  for (const w of workers) {
    // …and each worker started its calls in submission order (but for calls sent again after
    // their worker died, which may follow newer calls sent to this worker in the meantime).
    const firstTimers = w.started.filter((id) => !resent.has(id));
    expect(firstTimers).toEqual([...firstTimers].sort((x, y) => x - y));
    // A call with a timeout or signal never waits inside a worker: it went to one with a free slot.
    for (const r of w.received) {
      if (outcomes[r.arg as number]?.cancellable) expect(r.backlog).toBeLessThan(concurrency);
    }
  }
}

/**
 * Every map ended: with its items back, in order (the task is the identity), or failed, and then
 * only with a worker that had started one of its chunks (or may have), never for a chunk that had
 * not started.
 */
function checkMaps({ workers }: ReturnType<typeof fakeAdapter>, maps: MapOutcome[]) {
  const chunkItems = (call: Call): number[] =>
    call.chunk === "packed" ? (unpackList(call.args as Packed) as number[]) : (call.args as number[]);
  for (const map of maps) {
    expect(map.state).not.toBe("pending");
    if (map.state === "ok") {
      expect(map.value).toEqual(map.items);
      continue;
    }
    expect((map.error as Error).name).toBe("WorkerExitError");
    const mine = (call: Call) =>
      call.chunk !== undefined && chunkItems(call).some((item) => map.items.includes(item));
    const startedOne = workers.some((w) => w.calls.some((c) => mine(c) && startedOrMayHave(w, c)));
    expect(startedOne, `map of ${map.items.join(",")} failed though none of its chunks had started`).toBe(
      true,
    );
  }
}

/**
 * Whether worker `w` had started call `c`, or may have: a worker may hold the results of `quick`
 * calls while later quick calls of the same message run, so when it dies unannounced, the pool
 * cannot tell which of those started, and fails them all.
 */
function startedOrMayHave(w: FakeWorker, c: Call): boolean {
  if (w.started.includes(c.id)) return true;
  const message = w.messageOf.get(c.id);
  return (
    c.quick === true &&
    w.calls.some((s) => s.quick === true && w.started.includes(s.id) && w.messageOf.get(s.id) === message)
  );
}

type Send = EventClock["sends"][number];

/**
 * FIFO, from the adapter's record of sends and deaths (one turn may send to several workers,
 * worker by worker, so only the order of turns counts across workers):
 * - calls are first sent in submission order;
 * - a dead worker's unstarted calls go back to the head of the queue: no call first sent after
 *   that death goes out in an earlier turn than they do, or ahead of them to the same worker.
 */
function checkFifo(clock: EventClock) {
  const firstSends: Send[] = [];
  const firstSeq = new Map<number, number>();
  for (const send of clock.sends) if (!firstSeq.has(send.id)) firstSeq.set(send.id, send.seq);
  const lastSend = new Map<number, Send>();
  for (const send of clock.sends) {
    const before = lastSend.get(send.id);
    lastSend.set(send.id, send);
    if (!before) {
      firstSends.push(send);
      continue;
    }
    // Sent again: only after the worker that held it died.
    const death = before.worker.diedAt ?? Number.POSITIVE_INFINITY;
    expect(death).toBeLessThan(send.seq);
    for (const q of clock.sends) {
      if (q.seq <= death || q.id <= send.id || firstSeq.get(q.id) !== q.seq) continue;
      expect(q.turn, `call ${q.id} overtook call ${send.id}, back from a dead worker`).toBeGreaterThanOrEqual(
        send.turn,
      );
      if (q.worker === send.worker) expect(q.seq).toBeGreaterThan(send.seq);
    }
  }
  const turns = [...firstSends].sort((x, y) => x.id - y.id).map((s) => s.turn);
  expect(turns).toEqual([...turns].sort((x, y) => x - y));
}
