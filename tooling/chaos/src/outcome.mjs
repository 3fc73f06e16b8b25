// A settled task, reduced to what the checks and the counts need: a label and the fields of
// the typed error that matter (exit code, signal, timeout, the thrown name).

/**
 * @typedef {object} Outcome
 * @property {"value" | "taskError" | "workerExit" | "killed" | "signal" | "timeout" | "abort" | "other"} label
 * @property {unknown} [value]
 * @property {string} [name]
 * @property {string} [message]
 * @property {number | null} [exitCode]
 * @property {string | null} [signal]
 * @property {number} [timeout]
 */

/**
 * @param {{ ok: boolean, value?: unknown, error?: unknown }} settlement
 * @param {Record<string, Function>} errors  the adapter's error classes
 * @returns {Outcome}
 */
export function describeOutcome(settlement, errors) {
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
  return { label: "other", name: error?.constructor?.name ?? typeof error, message };
}

/** The outcome in a few words, for a violation report. */
export function showOutcome(outcome) {
  const { label, ...rest } = outcome;
  return `${label} ${JSON.stringify(rest)}`;
}
