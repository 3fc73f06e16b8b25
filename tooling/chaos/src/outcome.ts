// A settled task, reduced to what the checks and the counts need: a label and the fields of
// the typed error that matter (exit code, signal, timeout, the thrown name).

import type { AbortError, TaskError, TimeoutError, WorkerExitError } from "@multiproc/node";

/** What a settled task ended as. */
export interface Outcome {
  label: "value" | "taskError" | "workerExit" | "killed" | "signal" | "timeout" | "abort" | "other";
  value?: unknown;
  name?: string;
  message?: string;
  exitCode?: number | null;
  signal?: string | null;
  timeout?: number | undefined;
}

/** The adapter's error classes the outcomes are told apart by (each adapter has its own copy). */
export interface ErrorClasses {
  WorkerExitError: abstract new (...args: never[]) => WorkerExitError;
  TaskError: abstract new (...args: never[]) => TaskError;
  TimeoutError: abstract new (...args: never[]) => TimeoutError;
  AbortError: abstract new (...args: never[]) => AbortError;
}

/** A task's settlement: its value, or the error it was rejected with. */
export interface SettledAs {
  ok: boolean;
  value?: unknown;
  error?: unknown;
}

/** The outcome of `settlement`, told apart by the adapter's error classes. */
export function describeOutcome(settlement: SettledAs, errors: ErrorClasses): Outcome {
  if (settlement.ok) return { label: "value", value: settlement.value };
  const error = settlement.error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof errors.WorkerExitError) {
    const { exitCode, signal } = error;
    const label = signal === "SIGKILL" ? "killed" : signal ? "signal" : "workerExit";
    return { label, exitCode, signal, message };
  }
  if (error instanceof errors.TaskError) return { label: "taskError", name: error.name, message };
  if (error instanceof errors.TimeoutError) return { label: "timeout", timeout: error.timeout, message };
  if (error instanceof errors.AbortError) return { label: "abort", message };
  const name = (error as { constructor?: { name?: string } } | null)?.constructor?.name;
  return { label: "other", name: name ?? typeof error, message };
}

/** The outcome in a few words, for a violation report. */
export function showOutcome(outcome: Outcome): string {
  const { label, ...rest } = outcome;
  return `${label} ${JSON.stringify(rest)}`;
}
