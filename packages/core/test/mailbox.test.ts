// The mailboxes on their own, both sides in one thread (mailbox.ts, plain-codec.ts): what goes in
// them and comes out the same as structured clone makes it, one message at a time, the order
// with the messages posted around them, and a worker's reader spinning once it is idle.
import { isArgumentsObject, isProxy } from "node:util/types";
import { describe, expect, it } from "vitest";
import { MAILBOX_BYTES, MailboxReader, MailboxWriter, type SpinOptions } from "../src/wire/mailbox.ts";
import { decodePlain, encodePlain } from "../src/wire/plain-codec.ts";

/** As the parent tells them (thread-worker.ts). */
const exotic = (value: object) => isProxy(value) || isArgumentsObject(value);

/**
 * A writer and a reader over one mailbox, each side having posted and received `sofar` messages
 * (by default 1: the mailboxes' own notice); `got` lists what the reader handed over.
 */
function mailbox(deliver?: (message: unknown) => void, sofar = 1, spin?: SpinOptions) {
  const buffer = new SharedArrayBuffer(MAILBOX_BYTES);
  const writer = new MailboxWriter(buffer, sofar, exotic);
  const got: unknown[] = [];
  const reader = new MailboxReader<unknown>(buffer, sofar, deliver ?? ((message) => got.push(message)), spin);
  return { writer, reader, got };
}

/** Lets the reader's Atomics.waitAsync settle. */
const turn = () => new Promise((resolve) => setTimeout(resolve, 10));

/** The promise rejections nothing handled while `run` ran, kept from the test runner. */
async function unhandledDuring(run: () => Promise<void>): Promise<unknown[]> {
  const failures: unknown[] = [];
  const scope = globalThis as {
    addEventListener?: typeof addEventListener;
    removeEventListener?: typeof removeEventListener;
  };
  if (typeof scope.addEventListener === "function" && typeof process === "undefined") {
    const onEvent = (event: Event) => {
      event.preventDefault();
      failures.push((event as PromiseRejectionEvent).reason);
    };
    scope.addEventListener("unhandledrejection", onEvent);
    try {
      await run();
    } finally {
      scope.removeEventListener?.("unhandledrejection", onEvent);
    }
    return failures;
  }
  // Node, Bun, and Deno's Node compatibility: the process event (vitest listens there too).
  const onRejection = (reason: unknown) => failures.push(reason);
  const others = process.listeners("unhandledRejection");
  process.removeAllListeners("unhandledRejection");
  process.on("unhandledRejection", onRejection);
  try {
    await run();
  } finally {
    process.off("unhandledRejection", onRejection);
    for (const other of others) process.on("unhandledRejection", other);
  }
  return failures;
}

/** What comes out of encodePlain() and decodePlain(), or "refused". */
function throughBytes(value: unknown, bytes = 1024): unknown {
  const view = new DataView(new SharedArrayBuffer(bytes));
  return encodePlain(value, view, 0, bytes, exotic) < 0 ? "refused" : decodePlain(view, 0);
}

describe("plain codec", () => {
  it("copies plain values exactly as structured clone does", () => {
    const values: unknown[] = [
      0,
      -0,
      42,
      -(2 ** 31),
      2 ** 31,
      1.5,
      Number.NaN,
      Number.NEGATIVE_INFINITY,
      "",
      "héllo 🌍",
      "\ud800 lone surrogate",
      true,
      false,
      null,
      undefined,
      [1, "two", [3, [4]], { five: 5 }],
      { t: "call", id: 7, fn: "add", args: [{ a: 1, b: 2 }], quick: true },
      { 2: "two", 1: "one", b: "b", a: "a", gone: undefined },
      [],
      {},
    ];
    for (const value of values) {
      const copy = throughBytes(value);
      expect(copy).toStrictEqual(structuredClone(value));
      if (typeof value === "object" && value !== null) {
        expect(Object.keys(copy as object)).toEqual(Object.keys(structuredClone(value)));
      }
    }
    expect(Object.is(throughBytes(-0), -0)).toBe(true);
  });

  it("refuses, without throwing, what it cannot copy the same way: it is posted instead", () => {
    const shared = { a: 1 };
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const withExtraKey = Object.assign([1, 2], { extra: true });
    const refused: unknown[] = [
      new (class Point {
        x = 1;
      })(),
      new Map([[1, 2]]),
      new Date(0),
      new Uint8Array(2),
      // biome-ignore lint/suspicious/noSparseArray: a hole is what is refused here
      [1, , 3],
      withExtraKey,
      [shared, shared], // structured clone keeps them one object
      cyclic,
      // biome-ignore lint/suspicious/noSparseArray: a hole, and an extra key: as many keys as items
      Object.assign([1, , 3], { x: 5 }),
      new Proxy({ a: 1 }, {}), // looks plain; structured clone refuses it
      new Proxy([1], {}),
      (function (..._: unknown[]) {
        // biome-ignore lint/complexity/noArguments: what is refused here
        return arguments;
      })(1, 2),
      Object.create(null),
      JSON.parse('{"__proto__": 1}'),
      1n,
      Symbol("s"),
      () => 1,
      "x".repeat(600), // 1,200 bytes: more than the 1,024 given
      Array.from({ length: 2000 }, () => 0),
    ];
    for (const value of refused) expect(throughBytes(value)).toBe("refused");
  });
});

describe("mailbox", () => {
  it("carries a message to the reader, which takes it when woken", async () => {
    const { writer, reader, got } = mailbox();
    expect(writer.put({ t: "ok", id: 1, value: "done" })).toBe(true);
    await turn();
    expect(got).toEqual([{ t: "ok", id: 1, value: "done" }]);
    reader.close();
  });

  it("holds one message at a time: the next is posted until the reader has taken it", async () => {
    const { writer, reader, got } = mailbox();
    expect(writer.put({ id: 1 })).toBe(true);
    expect(writer.put({ id: 2 })).toBe(false);
    await turn();
    expect(writer.put({ id: 3 })).toBe(true);
    await turn();
    expect(got).toEqual([{ id: 1 }, { id: 3 }]);
    reader.close();
  });

  it("a message comes after those posted before it, and before those posted after it", async () => {
    const { writer, reader, got } = mailbox();
    const arrive = (name: string) => reader.received(() => got.push(name));
    // Two reports posted (still on their way), then the answer goes in the mailbox.
    writer.posted();
    writer.posted();
    expect(writer.put({ answer: 7 })).toBe(true);
    await turn();
    expect(got).toEqual([]); // woken, but the reports have not come: it waits for them
    arrive("first report");
    expect(got).toEqual(["first report"]);
    arrive("second report");
    expect(got).toEqual(["first report", "second report", { answer: 7 }]);
    // In the mailbox, then a message posted after it: it is taken before that one is handled.
    expect(writer.put({ answer: 8 })).toBe(true);
    writer.posted();
    arrive("posted after");
    expect(got.slice(3)).toEqual([{ answer: 8 }, "posted after"]);
    reader.close();
  });

  it("close() hands over a message still in the mailbox, then takes nothing more", async () => {
    const { writer, reader, got } = mailbox();
    writer.posted(); // a message that will never arrive: the other side ended
    writer.put({ last: true });
    reader.close();
    expect(got).toEqual([{ last: true }]);
    expect(writer.put({ late: true })).toBe(true);
    await turn();
    expect(got).toEqual([{ last: true }]);
  });

  it("stop() takes nothing more, not even what is in the mailbox now", async () => {
    const { writer, reader, got } = mailbox();
    writer.put({ answer: "after terminate()" });
    reader.stop();
    reader.received(() => got.push("posted"));
    await turn();
    expect(got).toEqual(["posted"]);
  });

  it("keeps the order across 2^31 and 2^32 messages posted (the stamp is an Int32 word)", async () => {
    for (const sofar of [2 ** 31 - 1, 2 ** 32 - 1]) {
      const { writer, reader, got } = mailbox(undefined, sofar);
      writer.posted(); // one posted message on its way
      expect(writer.put({ answer: sofar })).toBe(true);
      await turn();
      expect(got).toEqual([]);
      reader.received(() => got.push("posted"));
      expect(got).toEqual(["posted", { answer: sofar }]);
      reader.close();
    }
  });

  it("a delivery that throws loses nothing posted, and the counts stay in step", async () => {
    const got: unknown[] = [];
    const { writer, reader } = mailbox((message) => {
      got.push(message);
      throw new Error("the receiver failed");
    });
    writer.put({ boxed: 1 }); // taken first, when the next posted message comes
    writer.posted();
    expect(() => reader.received(() => got.push("posted"))).toThrow("the receiver failed");
    expect(got).toEqual([{ boxed: 1 }, "posted"]);
    writer.posted(); // on its way: the next boxed one waits for it
    writer.put({ boxed: 2 });
    expect(() => reader.received(() => got.push("posted again"))).toThrow("the receiver failed");
    expect(got).toEqual([{ boxed: 1 }, "posted", "posted again", { boxed: 2 }]);
    reader.close();
  });

  it("keeps waiting after a delivery that throws", async () => {
    const got: unknown[] = [];
    const { writer, reader } = mailbox((message) => {
      got.push(message);
      if (got.length === 1) throw new Error("the receiver failed");
    });
    const failures = await unhandledDuring(async () => {
      writer.put({ n: 1 });
      await turn();
      writer.put({ n: 2 });
      await turn();
    });
    expect(got).toEqual([{ n: 1 }, { n: 2 }]);
    expect(failures).toHaveLength(1);
    reader.close();
  });

  // Each spin is a task of its own (SpinOptions.later): here a list the test runs from, and the
  // reader's own deliveries play the parent, writing while it spins.
  describe("a worker's reader, once idle, spins on the mailbox", () => {
    /** A reader that spins `ms` whenever `idle()`, whose deliveries run `onDeliver`; `spins` holds the spins due. */
    function spinning(
      onDeliver: (message: unknown, writer: MailboxWriter) => void,
      ms = 60_000,
      idle = () => true,
    ) {
      const got: unknown[] = [];
      const spins: (() => void)[] = [];
      let writer!: MailboxWriter;
      const box = mailbox(
        (message) => {
          got.push(message);
          onDeliver(message, writer);
        },
        1,
        { ms, idle, later: (spin) => spins.push(spin) },
      );
      writer = box.writer;
      /** Runs the spin due, if any: true if there was one. */
      const spinNow = () => {
        const spin = spins.shift();
        spin?.();
        return spin !== undefined;
      };
      return { ...box, got, spins, spinNow };
    }

    it("takes one call a spin, each spin a task of its own, in order with what was posted", () => {
      const awakeSeen: boolean[] = [];
      const { writer, reader, got, spins, spinNow } = spinning((message, w) => {
        awakeSeen.push(w.awake());
        const n = (message as { n: number }).n;
        if (n < 5) expect(w.put({ n: n + 1 })).toBe(true);
      }, 20);
      // A message posted, then the first call put after it: taken once the posted one is handled.
      writer.posted();
      expect(writer.put({ n: 1 })).toBe(true);
      reader.received(() => got.push("posted"));
      expect(got).toEqual(["posted", { n: 1 }]);
      // The call taken put the next one: it waits for the spin, which waits for the event loop.
      expect(spins).toHaveLength(1);
      for (let n = 2; n <= 5; n++) {
        expect(spinNow()).toBe(true);
        expect(got.at(-1)).toEqual({ n }); // one call a spin, not all that come during it
      }
      expect(spinNow()).toBe(true); // the last spin: nothing comes, it ends after 20 ms
      expect(spins).toHaveLength(0);
      // Awake (spinning, mailbox empty) in each spin's delivery; the first came by the wake-up.
      expect(awakeSeen).toEqual([false, true, true, true, true]);
      expect(writer.awake()).toBe(false);
      reader.close();
    });

    it("stops at once when a message is posted meanwhile: that one comes first", () => {
      const { writer, reader, got, spinNow } = spinning((message, w) => {
        if ((message as { n: number }).n === 1) {
          w.posted(); // on its way by postMessage: only the event loop brings it
          expect(w.put({ n: 2 })).toBe(true);
        }
      });
      writer.posted();
      reader.received(() => {
        got.push("posted");
        expect(writer.put({ n: 1 })).toBe(true);
      });
      expect(got).toEqual(["posted", { n: 1 }]);
      // A minute's spin: were it not cut short by the message posted, the test would time out.
      expect(spinNow()).toBe(true);
      expect(got).toEqual(["posted", { n: 1 }]);
      reader.received(() => got.push("posted meanwhile"));
      expect(got).toEqual(["posted", { n: 1 }, "posted meanwhile", { n: 2 }]);
      reader.close();
    });

    it("spins only when idle() says so, and not after close()", async () => {
      let idle = false;
      const { writer, reader, got, spins } = spinning(
        () => {},
        60_000,
        () => idle,
      );
      writer.posted();
      reader.received(() => got.push("busy"));
      expect(spins).toHaveLength(0);
      expect(writer.put({ n: 1 })).toBe(true); // not spinning: the writer wakes it
      await turn();
      expect(got).toEqual(["busy", { n: 1 }]);
      idle = true;
      reader.close();
      writer.posted();
      reader.received(() => got.push("after close"));
      expect(got.at(-1)).toBe("after close");
      expect(spins).toHaveLength(0);
    });

    it("after a spin that caught nothing, skips the next 8: the caller is slower than a spin", () => {
      const { writer, reader, got, spins, spinNow } = spinning(() => {}, 1);
      const postOne = (tag: string) => {
        writer.posted();
        reader.received(() => got.push(tag));
      };
      postOne("first");
      expect(spinNow()).toBe(true); // nothing comes: it times out after 1 ms
      const queued: number[] = [];
      for (let i = 0; i < 9; i++) {
        postOne(`next ${i}`);
        queued.push(spins.length);
      }
      expect(queued).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1]);
      // A spin that catches a call keeps spinning after it: no skip.
      expect(writer.put({ caught: true })).toBe(true);
      expect(spinNow()).toBe(true);
      expect(got.at(-1)).toEqual({ caught: true });
      expect(spins).toHaveLength(1);
      reader.close();
    });

    it("wakes for a call put while the one it took runs: none waits unseen in the mailbox", async () => {
      let running = false;
      const awake: boolean[] = [];
      const { writer, reader, got, spinNow } = spinning(
        (message, w) => {
          if ((message as { n: number }).n !== 1) return;
          running = true; // an async task: the server is busy until it ends, so no spin is due
          awake.push(w.awake());
          expect(w.put({ n: 2 })).toBe(true); // the parent's next call, while this one runs
        },
        60_000,
        () => !running,
      );
      writer.posted();
      reader.received(() => got.push("posted"));
      // The first call comes during the spin (at the clock's second reading, in the loop).
      const clock = performance.now;
      let readings = 0;
      performance.now = () => {
        if (++readings === 2) {
          awake.push(writer.awake());
          expect(writer.put({ n: 1 })).toBe(true);
        }
        return clock.call(performance);
      };
      try {
        expect(spinNow()).toBe(true);
      } finally {
        performance.now = clock;
      }
      expect(got).toEqual(["posted", { n: 1 }]);
      await turn(); // its writer saw the reader spinning: only the reader's own wake-up brings it
      expect(got).toEqual(["posted", { n: 1 }, { n: 2 }]);
      expect(awake).toEqual([true, true]); // still marked spinning while the first runs
      reader.close();
    });

    it("takes a message put just as its spin ended, which woke nobody", () => {
      const { writer, reader, got, spinNow } = spinning(() => {}, 1);
      writer.posted();
      reader.received(() => got.push("posted"));
      // The spin's clock: its second reading, the deadline check, is where the call comes, from
      // a writer that sees the reader spinning and so wakes nobody; the deadline has then passed.
      const clock = performance.now;
      let readings = 0;
      performance.now = () => {
        if (++readings === 2) expect(writer.put({ late: true })).toBe(true);
        return readings === 1 ? 0 : Number.POSITIVE_INFINITY;
      };
      try {
        expect(spinNow()).toBe(true);
      } finally {
        performance.now = clock;
      }
      expect(got).toEqual(["posted", { late: true }]);
      reader.close();
    });
  });
});
