// Runs one fixture program on the runtime under test, as its own process group, so that a program
// that hangs is killed with every worker it started, and its test fails instead of hanging CI.
import { spawn } from "node:child_process";
import type { WorkerKind } from "@multiproc/core";
import { killGroup } from "./process-status.ts";
import type { ProgramRuntime } from "./target.ts";

/** How a program ended: its exit code (or signal), its output (parsed when it is one JSON line), its stderr. */
export interface ProgramRun {
  exit: number | string;
  output: unknown;
  stderr: string;
}

export interface ProgramLaunch {
  runtime: ProgramRuntime;
  /** The program file's path. */
  program: string;
  kind: WorkerKind;
  adapterUrl: string;
  /** Arguments after the kind and the adapter's URL. */
  args: string[];
  timeout: number;
}

/** A program started and still running, for a test that acts on it while it runs. */
export interface RunningProgram {
  /** Its process id (also its process group's). */
  pid: number;
  /** Its first line of output, parsed (as ProgramRun's output). */
  firstLine: Promise<unknown>;
  /** How it ended, once its output has closed too (which workers that outlive it hold open). */
  ended: Promise<ProgramRun>;
  /** When its own process has exited, whatever it left behind. */
  exited: Promise<void>;
}

/**
 * Starts the program, telling `started` its process group; resolves when it has ended by itself,
 * or was killed after `timeout` ms.
 */
export function runProgram(launch: ProgramLaunch, started: (group: number) => void): Promise<ProgramRun> {
  return startProgram(launch, started).ended;
}

/** Starts the program and returns at once: its pid, its first line, and its end (see runProgram). */
export function startProgram(launch: ProgramLaunch, started: (group: number) => void): RunningProgram {
  const { runtime, program, kind, adapterUrl, args, timeout } = launch;
  const child = spawn(runtime.command, [...(runtime.args ?? []), program, kind, adapterUrl, ...args], {
    detached: true, // its own process group: the whole tree can be killed at once
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid !== undefined) started(child.pid);
  let stdout = "";
  let stderr = "";
  let lineSeen: (line: unknown) => void = () => {};
  const firstLine = new Promise<unknown>((resolve) => {
    lineSeen = resolve;
  });
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    const end = stdout.indexOf("\n");
    if (end !== -1) lineSeen(parseLine(stdout.slice(0, end)));
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  let killed = false;
  const guard = setTimeout(() => {
    killed = true;
    killGroup(child.pid);
  }, timeout);
  const ended = new Promise<ProgramRun>((resolve, reject) => {
    child.on("error", (error) => {
      clearTimeout(guard);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(guard);
      const exit = killed
        ? `killed after ${timeout} ms: it did not exit by itself`
        : (code ?? String(signal));
      resolve({ exit, output: parseLine(stdout), stderr });
      lineSeen(undefined); // no line came: the test waiting for one goes on to fail
    });
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { pid: child.pid ?? -1, firstLine, ended, exited };
}

/** The program's one JSON line, parsed; any other output as it is, for the failure's diff. */
function parseLine(stdout: string): unknown {
  const text = stdout.trim();
  if (text.includes("\n")) return stdout;
  try {
    return JSON.parse(text);
  } catch {
    return stdout;
  }
}
