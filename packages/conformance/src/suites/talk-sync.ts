// Lock, RLock, Semaphore, Condition, Event, Value, SharedArray and Barrier between the parent and
// workers of the kind under test, after CPython's _TestLock, _TestSemaphore, _TestCondition,
// _TestEvent, _TestValue, _TestArray and _TestBarrier; and what a worker that dies leaves behind.
import {
  Barrier,
  BoundedSemaphore,
  Condition,
  Event,
  Lock,
  Pipe,
  Queue,
  RLock,
  Semaphore,
  SharedArray,
  TooManyReleasesError,
  Value,
} from "@multiproc/core";
import { expect, it } from "vitest";
import { type Context, sleep } from "../context.ts";
import { talkTasks } from "./talk-queues.ts";

export function talkSyncTests(ctx: Context): void {
  const process = (target: string, args: unknown[]) => ctx.process({ module: talkTasks, target, args });

  it("Lock: workers and the parent exclude one another; no update of a shared Value is lost", async () => {
    const lock = new Lock();
    const counter = new Value("i", 0, { lock: false });
    const workers = [0, 1, 2].map(() => process("increment", [counter, lock, 100]));
    for (const w of workers) w.start();
    for (let i = 0; i < 100; i++) {
      await lock.acquire();
      const v = counter.value;
      await Promise.resolve();
      counter.value = v + 1;
      lock.release();
    }
    await Promise.all(workers.map((w) => w.join()));
    expect(counter.value).toBe(400);
  });

  it("Lock and RLock: acquire(false) on a held lock, release too often (_TestLock.test_lock/test_rlock)", async () => {
    const lock = new Lock();
    expect(await lock.acquire()).toBe(true);
    const p = process("acquireRelease", [lock, 1]);
    p.start();
    await sleep(50);
    expect(p.isAlive()).toBe(true); // waits for the parent's hold
    lock.release();
    await p.join();
    expect(await lock.acquire({ block: false })).toBe(true);
    lock.release();
    expect(() => lock.release()).toThrow(TooManyReleasesError);
    const rlock = new RLock();
    await rlock.acquire();
    await rlock.acquire();
    rlock.release();
    rlock.release();
    expect(() => rlock.release()).toThrow(TooManyReleasesError);
  });

  it("Semaphore: no more holders than its value at once, across workers (_TestSemaphore)", async () => {
    const sem = new Semaphore(2);
    const done = new Semaphore(0);
    const running = new Value("i", 0);
    const peak = new Value("i", 0);
    const workers = [0, 1, 2, 3, 4].map(() => process("semaphoreWorker", [sem, running, peak, done]));
    for (const w of workers) w.start();
    for (let i = 0; i < 5; i++) expect(await done.acquire({ timeout: 10_000 })).toBe(true);
    expect(peak.value).toBeGreaterThanOrEqual(1);
    expect(peak.value).toBeLessThanOrEqual(2);
    expect(sem.getValue()).toBe(2);
    expect(await new Semaphore(0).acquire({ timeout: 50 })).toBe(false);
    expect(() => new BoundedSemaphore(2).release()).toThrow(TooManyReleasesError);
  });

  it("Condition: notify() wakes one worker, notify(n) n, notifyAll() the rest (_TestCondition.test_notify*)", async () => {
    const cond = new Condition();
    const sleeping = new Semaphore(0);
    const woken = new Semaphore(0);
    const waiters = [0, 1, 2, 3].map(() => process("conditionWaiter", [cond, sleeping, woken, undefined]));
    for (const w of waiters) w.start();
    for (let i = 0; i < 4; i++) expect(await sleeping.acquire({ timeout: 10_000 })).toBe(true);
    await sleep(50); // each has let the lock go and waits
    expect(woken.getValue()).toBe(0);
    await cond.acquire();
    cond.notify();
    cond.release();
    await until(() => woken.getValue() === 1);
    await cond.acquire();
    cond.notify(2);
    cond.release();
    await until(() => woken.getValue() === 3);
    await cond.acquire();
    cond.notifyAll();
    cond.release();
    await until(() => woken.getValue() === 4);
    expect(await Promise.all(waiters.map((w) => w.result))).toEqual([true, true, true, true]);
  });

  it("Condition: wait(timeout) resolves false; waitFor sees a state another thread sets (test_timeout, test_waitfor)", async () => {
    const cond = new Condition(new RLock());
    const state = new Value("i", 0);
    const p = process("waitForState", [cond, state, 3, 10_000]);
    p.start();
    for (let i = 1; i <= 3; i++) {
      await sleep(20);
      await cond.acquire();
      state.value = i;
      cond.notifyAll();
      cond.release();
    }
    expect(await p.result).toBe(true);
    const q = process("waitForState", [cond, state, 99, 100]);
    q.start();
    expect(await q.result).toBe(false);
    await cond.acquire();
    expect(await cond.wait(50)).toBe(false);
    cond.release();
  });

  it("Event: wait(timeout) false, then true once a worker sets it; a worker waits for the parent's set (_TestEvent)", async () => {
    const event = new Event();
    expect(await event.wait(50)).toBe(false);
    process("setEventAfter", [event, 50]).start();
    expect(await event.wait(10_000)).toBe(true);
    event.clear();
    const w = process("waitEvent", [event, 10_000]);
    w.start();
    await sleep(30);
    event.set();
    expect(await w.result).toBe(true);
  });

  it("Value and SharedArray: a worker's writes are seen here; getLock() (_TestValue, _TestArray)", async () => {
    const values = [new Value("i", 21), new Value("d", 1.25), new Value("h", -3)];
    const array = new SharedArray("i", [1, 2, 3, 4]);
    const p = process("doubleValues", [values, array]);
    p.start();
    await p.join();
    expect(values.map((v) => v.value)).toEqual([42, 2.5, -6]);
    expect([...array]).toEqual([2, 4, 6, 8]);
    const pool = ctx.pool({ module: talkTasks, workers: 1 });
    expect(await pool.apply("sumArray", [new SharedArray("d", 1000)])).toBe(0);
    expect(await pool.apply("sumArray", [array])).toBe(20);
    expect(values[0]?.getLock()).toBeInstanceOf(RLock);
    expect(() => new Value("i", 0, { lock: false }).getLock()).toThrow();
  });

  it("Barrier: three workers meet round after round; the action runs once a round, here (_TestBarrier.test_barrier/test_action)", async () => {
    let actions = 0;
    const barrier = new Barrier(3, { action: () => actions++ });
    const log = new Queue<number>();
    const parties = [0, 1, 2].map(() => process("barrierParty", [barrier, 5, log]));
    for (const p of parties) p.start();
    const indices = (await Promise.all(parties.map((p) => p.result))) as number[][];
    for (let round = 0; round < 5; round++)
      expect(indices.map((list) => list[round]).sort()).toEqual([0, 1, 2]);
    expect(actions).toBe(5);
    const rounds = [];
    for (let i = 0; i < 15; i++) rounds.push(await log.get());
    // No party starts round r+1 before all have passed round r.
    for (let i = 0; i < 15; i++) expect(rounds[i]).toBe(Math.floor(i / 3));
  });

  it("Barrier: abort() and a timeout break it for workers waiting; reset() mends it (test_abort, test_timeout, test_reset)", async () => {
    const barrier = new Barrier(2);
    const waiting = process("barrierBroken", [barrier, undefined]);
    waiting.start();
    await until(() => barrier.nWaiting === 1);
    barrier.abort();
    expect(await waiting.result).toMatch(/Broken/);
    expect(barrier.broken).toBe(true);
    barrier.reset();
    const timed = process("barrierBroken", [barrier, 50]);
    timed.start();
    expect(await timed.result).toMatch(/Broken/);
    barrier.reset();
    const pair = [process("barrierBroken", [barrier, 10_000]), process("barrierBroken", [barrier, 10_000])];
    for (const p of pair) p.start();
    expect(await Promise.all(pair.map((p) => p.result))).toEqual(["passed", "passed"]);
  });

  ctx.itWith(
    "crash",
    "a worker that dies holding a Lock, or a pipe's end, leaves the Lock free and gives EOF; the parent's own waits go on",
    async () => {
      const lock = new Lock();
      const held = new Event();
      const q = new Queue<string>();
      const parentWait = q.get({ timeout: 10_000 }); // pending in the parent while the worker dies
      const p = process("holdLock", [lock, held]);
      p.start();
      expect(await held.wait(10_000)).toBe(true);
      expect(await lock.acquire({ timeout: 30 })).toBe(false);
      const waiting = lock.acquire({ timeout: 10_000 });
      p.kill();
      await p.join();
      expect(await waiting).toBe(true); // freed for the parent's waiting acquire
      lock.release();
      await q.put("still works");
      expect(await parentWait).toBe("still works");
      const [mine, theirs] = Pipe();
      const echo = process("pipeEcho", [theirs]);
      echo.start();
      await sleep(50);
      echo.terminate();
      await echo.join();
      await expect(mine.recv()).rejects.toMatchObject({ name: expect.stringContaining("EOF") });
    },
  );
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not reached in time");
    await sleep(5);
  }
}
