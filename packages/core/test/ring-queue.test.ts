import { describe, expect, it } from "vitest";
import { RingQueue } from "../src/adapter-api.ts";

describe("RingQueue", () => {
  it("keeps FIFO order across growth and wrap-around", () => {
    const q = new RingQueue<number>(2);
    const out: number[] = [];
    for (let i = 0; i < 100; i++) {
      q.push(i);
      if (i % 3 === 0) out.push(q.shift() as number);
    }
    expect(q.peek()).toBe(out.length);
    out.push(...q.drain());
    expect(out).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(q.size).toBe(0);
    expect(q.shift()).toBeUndefined();
  });
});
