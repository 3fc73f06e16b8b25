// The talking objects' semantics within one thread (across threads: @multiproc/conformance).
import { describe, expect, it } from "vitest";
import {
  InvalidArgumentError,
  InvalidStateError,
  QueueFullError,
  SerializationError,
} from "../src/parent/errors.ts";
import { Barrier } from "../src/talk/barrier.ts";
import { Condition } from "../src/talk/condition.ts";
import { Event } from "../src/talk/event.ts";
import { Lock, RLock } from "../src/talk/lock.ts";
import { Pipe } from "../src/talk/pipe.ts";
import { JoinableQueue, Queue, SimpleQueue } from "../src/talk/queue.ts";
import { BoundedSemaphore, Semaphore } from "../src/talk/semaphore.ts";
import { SharedArray, Value } from "../src/talk/shared-value.ts";
import {
  BrokenBarrierError,
  EOFError,
  QueueEmptyError,
  TooManyReleasesError,
} from "../src/talk/talk-errors.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("Queue", () => {
  it("is FIFO, counts its items, and says empty and full", async () => {
    const q = new Queue<number>({ maxsize: 3 });
    expect(q.empty()).toBe(true);
    for (const i of [1, 2, 3]) await q.put(i);
    expect([q.qsize(), q.full(), q.empty()]).toEqual([3, true, false]);
    expect(() => q.putNowait(4)).toThrow(QueueFullError);
    await expect(q.put(4, { block: false })).rejects.toThrow(/maxsize, 3 items/);
    await expect(q.put(4, { timeout: 20 })).rejects.toBeInstanceOf(QueueFullError);
    expect([await q.get(), q.getNowait(), await q.get({ block: false })]).toEqual([1, 2, 3]);
    expect(() => q.getNowait()).toThrow(QueueEmptyError);
    await expect(q.get({ timeout: 20 })).rejects.toThrow(/empty/);
  });

  it("a blocked get() gets the next put(); a blocked put() gets the next room", async () => {
    const q = new Queue<string>({ maxsize: 1 });
    const got = q.get();
    await sleep(5);
    await q.put("a");
    expect(await got).toBe("a");
    await q.put("b");
    const put = q.put("c");
    await sleep(5);
    expect(await q.get()).toBe("b");
    await put;
    expect(await q.get()).toBe("c");
  });

  it("refuses an uncloneable item at once with SerializationError; it takes no place", async () => {
    const q = new Queue();
    await expect(q.put({ f: () => 1 })).rejects.toBeInstanceOf(SerializationError);
    expect(() => q.putNowait(Symbol("x"))).toThrow(SerializationError);
    expect(q.qsize()).toBe(0);
  });

  it("wraps around its ring; an item bigger than its capacity is refused, naming the option", async () => {
    const q = new Queue<string>({ capacity: 64 });
    for (let i = 0; i < 50; i++) {
      await q.put(`item-${i}-xxxxxxxx`);
      expect(await q.get()).toBe(`item-${i}-xxxxxxxx`);
    }
    await expect(q.put("y".repeat(100))).rejects.toThrow(/larger \{ capacity \}/);
  });

  it("close() stops this holder only; bad options are refused", async () => {
    const q = new Queue<number>();
    q.close();
    await expect(q.put(1)).rejects.toBeInstanceOf(InvalidStateError);
    expect(() => new Queue({ maxsize: -1 })).toThrow(InvalidArgumentError);
    await expect(new Queue().get({ timeout: -5 })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it("JoinableQueue: join() waits for a taskDone() per item; one too many throws", async () => {
    const q = new JoinableQueue<number>();
    await q.put(1);
    await q.put(2);
    let joined = false;
    const join = q.join().then(() => (joined = true));
    await q.get();
    q.taskDone();
    await sleep(5);
    expect(joined).toBe(false);
    await q.get();
    q.taskDone();
    await join;
    expect(() => q.taskDone()).toThrow(TooManyReleasesError);
  });

  it("SimpleQueue: put, get, empty", async () => {
    const q = new SimpleQueue<{ n: number }>();
    await q.put({ n: 1 });
    expect(q.empty()).toBe(false);
    expect(await q.get()).toEqual({ n: 1 });
    expect(q.empty()).toBe(true);
  });
});

describe("Lock, RLock, Semaphore, BoundedSemaphore", () => {
  it("Lock: one holder at a time; concurrent callers wait their turn; releasing it free throws", async () => {
    const lock = new Lock();
    expect(await lock.acquire()).toBe(true);
    expect(await lock.acquire({ block: false })).toBe(false);
    expect(await lock.acquire({ timeout: 10 })).toBe(false);
    const waiter = lock.acquire();
    lock.release();
    expect(await waiter).toBe(true);
    lock.release();
    expect(() => lock.release()).toThrow(TooManyReleasesError);
  });

  it("RLock: its owner takes it again and releases it as often", async () => {
    const lock = new RLock();
    expect(await lock.acquire()).toBe(true);
    expect(await lock.acquire()).toBe(true);
    lock.release();
    expect(lock.locked()).toBe(true);
    lock.release();
    expect(lock.locked()).toBe(false);
    expect(() => lock.release()).toThrow(TooManyReleasesError);
  });

  it("a waiter whose take fails on a lock it saw free looks again: it never sleeps on a free lock", async () => {
    for (const lock of [new Lock(), new RLock()]) {
      // Another thread's turn, played where it can fall: the lock is taken between this waiter's
      // look (free) and its take, and let go before the waiter sleeps. Its wake-up then went to
      // nobody: a waiter asleep on "free" would wait for a release that never comes.
      const own = lock as unknown as { tryTake(): boolean };
      const take = own.tryTake.bind(lock);
      let failed = 0;
      own.tryTake = () => (failed++ < 2 ? false : take());
      let took: boolean | undefined;
      const taking = lock.acquire({ timeout: 2000 }).then((ok) => (took = ok));
      await sleep(50); // the take needs no wait at all: only a sleeper would still be waiting
      expect(took, `${lock[Symbol.toStringTag]} taken while free, not after a timeout`).toBe(true);
      expect(failed).toBe(3);
      await taking;
      lock.release();
    }
  });

  it("Semaphore counts; BoundedSemaphore refuses a release past its value", async () => {
    const s = new Semaphore(2);
    expect(await s.acquire()).toBe(true);
    expect(await s.acquire()).toBe(true);
    expect(s.getValue()).toBe(0);
    expect(await s.acquire({ timeout: 10 })).toBe(false);
    const waiter = s.acquire();
    s.release();
    expect(await waiter).toBe(true);
    s.release();
    s.release();
    s.release(); // unbounded: past the initial value is allowed
    expect(s.getValue()).toBe(3);
    const b = new BoundedSemaphore(1);
    expect(() => b.release()).toThrow(TooManyReleasesError);
    expect(() => new Semaphore(-1)).toThrow(InvalidArgumentError);
  });
});

describe("Event, Condition, Barrier", () => {
  it("Event: wait() resolves true once set, false after its timeout", async () => {
    const e = new Event();
    expect(await e.wait(10)).toBe(false);
    const waiting = e.wait();
    e.set();
    expect(await waiting).toBe(true);
    expect(e.isSet()).toBe(true);
    e.clear();
    expect(e.isSet()).toBe(false);
  });

  it("Condition: notify(n) wakes n waiters, notifyAll() the rest; waitFor checks a predicate", async () => {
    const c = new Condition();
    let woken = 0;
    const waiter = async () => {
      await c.acquire();
      await c.wait();
      woken++;
      c.release();
    };
    const all = [waiter(), waiter(), waiter()];
    await sleep(10);
    await c.acquire();
    c.notify(2);
    c.release();
    await sleep(10);
    expect(woken).toBe(2);
    await c.acquire();
    c.notifyAll();
    c.release();
    await Promise.all(all);
    expect(woken).toBe(3);
    expect(() => c.notify()).toThrow(InvalidStateError);
    await c.acquire();
    expect(await c.wait(10)).toBe(false);
    let n = 0;
    setTimeout(async () => {
      await c.acquire();
      n = 3;
      c.notify();
      c.release();
    }, 5);
    expect(await c.waitFor(() => n === 3, 1000)).toBe(true);
    c.release();
  });

  it("Barrier: parties meet with indices 0…n-1, the action runs once; timeout, abort and reset break it", async () => {
    let actions = 0;
    const b = new Barrier(3, { action: () => actions++ });
    expect(b.parties).toBe(3);
    const indices = await Promise.all([b.wait(), b.wait(), b.wait()]);
    expect(indices.sort()).toEqual([0, 1, 2]);
    expect(actions).toBe(1);
    await expect(b.wait(10)).rejects.toBeInstanceOf(BrokenBarrierError);
    expect(b.broken).toBe(true);
    b.reset();
    expect(b.broken).toBe(false);
    const pending = b.wait();
    await sleep(5);
    expect(b.nWaiting).toBe(1);
    b.abort();
    await expect(pending).rejects.toBeInstanceOf(BrokenBarrierError);
  });
});

describe("Value, SharedArray", () => {
  it("Value: typecodes read as Python's (bigint for q, a character for c); a lock unless lock: false", async () => {
    const v = new Value("i", 7);
    v.value += 1;
    expect(v.value).toBe(8);
    expect(await v.getLock().acquire()).toBe(true);
    v.getLock().release();
    expect(new Value("q", 2n ** 40n).value).toBe(2n ** 40n);
    expect(new Value("c", "x").value).toBe("x");
    expect(new Value("d", 0.25).value).toBe(0.25);
    expect(() => new Value("i", 1, { lock: false }).getLock()).toThrow(InvalidStateError);
    expect(() => new Value("z" as "i", 1)).toThrow(/unknown typecode/);
  });

  it("SharedArray: index access, length, iteration", () => {
    const a = new SharedArray("i", [1, 2, 3]);
    a[1] = 20;
    expect([a.length, a[0], a[1], a[3]]).toEqual([3, 1, 20, undefined]);
    expect([...a]).toEqual([1, 20, 3]);
    expect(new SharedArray("d", 2).toArray()).toEqual([0, 0]);
    expect(() => {
      a[3] = 1;
    }).toThrow(RangeError);
  });
});

describe("Pipe", () => {
  it("duplex: both ends send and receive; poll() answers at once; EOF after close once drained", async () => {
    const [a, b] = Pipe<unknown>();
    expect(await a.poll()).toBe(false);
    b.send({ hello: [1] });
    expect(await a.poll()).toBe(true);
    expect(await a.recv()).toEqual({ hello: [1] });
    a.send("back");
    expect(await b.recv()).toBe("back");
    b.send("last");
    b.close();
    expect(await a.recv()).toBe("last");
    await expect(a.recv()).rejects.toBeInstanceOf(EOFError);
    expect(() => b.send(1)).toThrow(InvalidStateError);
  });

  it("one-way: conn1 receives, conn2 sends; an uncloneable message is refused", async () => {
    const [r, w] = Pipe<unknown>(false);
    expect(() => r.send(1)).toThrow(InvalidStateError);
    await expect(w.recv()).rejects.toBeInstanceOf(InvalidStateError);
    expect(() => w.send(() => 1)).toThrow(SerializationError);
    const later = r.poll(1000);
    w.send(2);
    expect(await later).toBe(true);
  });

  it("messages beyond its room wait here and go in order", async () => {
    const [r, w] = Pipe<string>(false, { capacity: 64 });
    for (let i = 0; i < 20; i++) w.send(`message ${i}`);
    const got: string[] = [];
    for (let i = 0; i < 20; i++) got.push(await r.recv());
    expect(got).toEqual(Array.from({ length: 20 }, (_, i) => `message ${i}`));
  });
});
