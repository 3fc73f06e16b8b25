// Random interleavings of submit, complete, crash, timeout, abort and close: no task is lost or
// run twice, and tasks start in submission order.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Pool } from "../src/adapter-api.ts";
import { fakeAdapter, flush } from "./fake-adapter.ts";

type Action =
  | { do: "submit" }
  | { do: "submitWithTimeout" }
  | { do: "complete"; worker: number }
  | { do: "crash"; worker: number }
  | { do: "abort"; task: number }
  | { do: "close" };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.constant({ do: "submit" } as const) },
  { weight: 1, arbitrary: fc.constant({ do: "submitWithTimeout" } as const) },
  { weight: 5, arbitrary: fc.nat(5).map((worker) => ({ do: "complete", worker }) as const) },
  { weight: 1, arbitrary: fc.nat(5).map((worker) => ({ do: "crash", worker }) as const) },
  { weight: 1, arbitrary: fc.nat(30).map((task) => ({ do: "abort", task }) as const) },
  { weight: 1, arbitrary: fc.constant({ do: "close" } as const) },
);

describe("FIFO scheduler under random interleavings (fast-check)", () => {
  it("never loses or duplicates a task, and starts tasks in submission order", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(action, { maxLength: 60 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 2 }),
        async (actions, workers, concurrency) => {
          const adapter = fakeAdapter();
          const pool = new Pool({ module: "file:///tasks.mjs", workers, concurrency }, adapter);
          const outcomes: { state: "pending" | "ok" | "error"; value?: unknown; error?: unknown }[] = [];
          const controllers: AbortController[] = [];
          let closed = false;
          const submit = (timeout?: number) => {
            const i = outcomes.length;
            const controller = new AbortController();
            controllers.push(controller);
            outcomes.push({ state: "pending" });
            pool.apply("task", [i], { signal: controller.signal, timeout }).then(
              (value) => Object.assign(outcomes[i] ?? {}, { state: "ok", value }),
              (error) => Object.assign(outcomes[i] ?? {}, { state: "error", error }),
            );
          };
          for (const a of actions) {
            if (a.do === "submit" && !closed) submit();
            else if (a.do === "submitWithTimeout" && !closed) submit(1);
            else if (a.do === "complete") adapter.workers.filter((w) => w.alive)[a.worker]?.answerOne();
            else if (a.do === "crash") adapter.workers.filter((w) => w.alive)[a.worker]?.die(9);
            else if (a.do === "abort") controllers[a.task]?.abort("test");
            else if (a.do === "close") {
              pool.close();
              closed = true;
            }
            await flush();
          }
          pool.close();
          const joined = pool.join();
          // Answer everything left until the pool has drained.
          for (let round = 0; round < 1000 && outcomes.some((o) => o.state === "pending"); round++) {
            for (const w of adapter.workers) while (w.answerOne());
            await flush();
          }
          await joined;

          // Nothing started twice (a dead worker's unstarted calls may be sent again, never run twice);
          // everything answered "ok" got its own value back.
          const started = adapter.workers.flatMap((w) => w.started);
          expect(new Set(started).size).toBe(started.length);
          outcomes.forEach((o, i) => {
            expect(o.state).not.toBe("pending");
            if (o.state === "ok") expect(o.value).toBe(i);
            else expect((o.error as Error).name).toMatch(/AbortError|TimeoutError|WorkerExitError/);
          });
          // FIFO: each worker received tasks in increasing submission order, and so did the pool overall.
          // FIFO: the pool first sent tasks in submission order…
          const firstSends = adapter.sendLog.filter((id, i) => adapter.sendLog.indexOf(id) === i);
          expect(firstSends).toEqual([...firstSends].sort((x, y) => x - y));
          // …and each worker started its calls in submission order.
          for (const w of adapter.workers) expect(w.started).toEqual([...w.started].sort((x, y) => x - y));
        },
      ),
      { numRuns: 300 },
    );
  });
});
