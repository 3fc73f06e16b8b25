// The two parent-side guards adapters build on: MemoryWatch (maxMemory for worker processes) and
// the orphan reaper's script, run for real with /bin/sh.
import { type ChildProcess, spawn } from "node:child_process";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryWatch, OrphanReaper, REAPER_SCRIPT, residentFromProcStatus } from "../src/adapter-api.ts";

describe("MemoryWatch", () => {
  afterEach(() => vi.useRealTimers());

  it("reads VmRSS from /proc/PID/status text", () => {
    expect(residentFromProcStatus("Name:\tnode\nVmRSS:\t  131072 kB\nVmSwap:\t0 kB\n")).toBe(128);
    expect(residentFromProcStatus("Name:\tzombie\n")).toBeUndefined();
  });

  it("kills the child once its resident memory is over the limit, and says how much it used", () => {
    vi.useFakeTimers();
    const readings = [100, 180, 300, 400];
    let killed = 0;
    const unref = vi.fn();
    const watch = new MemoryWatch(
      42,
      256,
      { residentMiB: (pid) => (pid === 42 ? readings.shift() : undefined), unref },
      () => killed++,
    );
    expect(unref).toHaveBeenCalledOnce(); // the watch never keeps the program alive
    vi.advanceTimersByTime(100);
    expect(killed).toBe(0);
    expect(watch.exceeded).toBeUndefined();
    vi.advanceTimersByTime(100);
    expect(killed).toBe(1);
    expect(watch.exceeded).toEqual({ limitMiB: 256, usedMiB: 300 });
    vi.advanceTimersByTime(1000);
    expect(killed).toBe(1); // once: it stopped watching
  });

  it("stops when told (the child ended), and a reading it cannot make is no reason to kill", () => {
    vi.useFakeTimers();
    let killed = 0;
    const watch = new MemoryWatch(7, 10, { residentMiB: () => undefined, unref: () => {} }, () => killed++);
    vi.advanceTimersByTime(500);
    watch.stop();
    expect(killed).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("the orphan reaper's script", () => {
  const started: ChildProcess[] = [];
  afterEach(() => {
    for (const child of started.splice(0)) child.kill("SIGKILL");
  });

  const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;
  const ended = (child: ChildProcess) =>
    new Promise<string | null>((resolve) => {
      if (!alive(child)) resolve(child.signalCode);
      else child.once("exit", (_code, signal) => resolve(signal));
    });

  it("kills the workers still listed when its input ends, and spares those released", async () => {
    const sleeper = () => {
      const child = spawn("sleep", ["30"], { stdio: "ignore" });
      started.push(child);
      return child;
    };
    const [kept, released, other] = [sleeper(), sleeper(), sleeper()];
    const reaper = spawn("/bin/sh", ["-c", REAPER_SCRIPT], { stdio: ["pipe", "ignore", "ignore"] });
    started.push(reaper);
    const lines = new OrphanReaper((line) => reaper.stdin?.write(line));
    lines.watch(kept.pid as number);
    lines.watch(released.pid as number);
    lines.release(released.pid as number);
    reaper.stdin?.end(); // as the kernel closes it when the program ends
    expect(await ended(kept)).toBe("SIGKILL");
    await ended(reaper);
    expect(alive(released)).toBe(true);
    expect(alive(other)).toBe(true);
  });

  // Deno's node:child_process starts children that die of a signal their shell ignores; the Deno
  // adapter starts the reaper with Deno.Command, whose children keep the shell's traps.
  const onDeno = "Deno" in globalThis;
  it.skipIf(onDeno)(
    `outlives the signals sent to a whole process group (HUP, INT, TERM)${onDeno ? " [skipped on Deno: its node:child_process children die of signals their shell ignores; the adapter uses Deno.Command, whose children do not]" : ""}`,
    async () => {
      const worker = spawn("sleep", ["30"], { stdio: "ignore" });
      started.push(worker);
      const reaper = spawn("/bin/sh", ["-c", REAPER_SCRIPT], { stdio: ["pipe", "pipe", "ignore"] });
      started.push(reaper);
      new OrphanReaper((line) => reaper.stdin?.write(line)).watch(worker.pid as number);
      await new Promise((resolve) => reaper.stdout?.once("data", resolve)); // "ready": its traps are set
      for (const signal of ["SIGHUP", "SIGINT", "SIGTERM"] as const) reaper.kill(signal);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(alive(reaper)).toBe(true);
      reaper.stdin?.end();
      expect(await ended(worker)).toBe("SIGKILL");
    },
  );
});
