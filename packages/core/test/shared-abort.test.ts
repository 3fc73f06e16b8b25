// onAbort: however many calls watch one signal, it carries one "abort" listener (Node warns past
// 10 on an AbortSignal), gone once the last watcher leaves; an abort reaches every watcher once.
import { describe, expect, it, vi } from "vitest";
import { onAbort } from "../src/parent/engine/shared-abort.ts";

describe("onAbort", () => {
  it("adds one listener for any number of watchers, and removes it when the last one leaves", () => {
    const controller = new AbortController();
    const add = vi.spyOn(controller.signal, "addEventListener");
    const remove = vi.spyOn(controller.signal, "removeEventListener");
    const leaves = Array.from({ length: 50 }, () => onAbort(controller.signal, () => {}));
    expect(add).toHaveBeenCalledTimes(1);
    for (const leave of leaves.slice(1)) leave();
    expect(remove).not.toHaveBeenCalled();
    leaves[0]?.();
    expect(remove).toHaveBeenCalledTimes(1);
    // A later watcher gets a listener of its own again.
    onAbort(controller.signal, () => {});
    expect(add).toHaveBeenCalledTimes(2);
  });

  it("calls every watcher still there once on abort, and none that left", () => {
    const controller = new AbortController();
    const calls: string[] = [];
    onAbort(controller.signal, () => calls.push("a"));
    const leave = onAbort(controller.signal, () => calls.push("b"));
    onAbort(controller.signal, () => calls.push("c"));
    leave();
    leave(); // twice: harmless
    controller.abort();
    controller.abort();
    expect(calls).toEqual(["a", "c"]);
  });
});
