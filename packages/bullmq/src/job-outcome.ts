// What each call of a job settles with, from what became of the job: the agent's reply (one
// outcome per call, each its own value or error; some may come earlier, reported while the job
// ran), a failure (every call fails with it), or the job's loss (TaskLostError).
import { MultiprocError as RemoteFailure } from "@multiproc/core";
import { AgentLostError, TaskLostError } from "./errors.ts";
import type { JobCall, PendingJob } from "./job-call.ts";
import type { StoredOutcome } from "./job-store.ts";
import { type Envelope, open, type PartialReply, type Reply } from "./wire.ts";

/** Settles `call` with the value or the error `out` holds (a call settled already is left as it is). */
export function settleCall(
  call: JobCall,
  out: Envelope | undefined,
  settle: (call: JobCall, ok: boolean, value: unknown) => void,
): void {
  if (call.state === "done") return;
  try {
    if (out === null || typeof out !== "object" || !("ok" in out || "err" in out))
      throw new RemoteFailure("the agent's reply has no outcome for this call", { task: call.fn });
    settle(call, true, open(out));
  } catch (error) {
    settle(call, false, error);
  }
}

/** Settles the calls whose outcomes a running job of several calls reported (PartialReply). */
export function settlePartial(
  job: PendingJob,
  partial: PartialReply,
  settle: (call: JobCall, ok: boolean, value: unknown) => void,
): void {
  if (!Array.isArray(partial?.p)) return;
  for (const entry of partial.p) {
    const call = Array.isArray(entry) && typeof entry[0] === "number" ? job.calls[entry[0]] : undefined;
    if (call) settleCall(call, entry[1], settle);
  }
}

/** A job's outcome: from its event (the reply parsed already) or from the sweep (as Redis stores it). */
export type JobOutcome = StoredOutcome | { id: string; state: "completed"; returnvalue: Reply };

/**
 * Settles each call of `job` from `outcome` through `settle` (which ignores calls settled
 * already); `observe` gets a reply with how many calls it answered.
 */
export function settleJob(
  job: PendingJob,
  outcome: JobOutcome,
  settle: (call: JobCall, ok: boolean, value: unknown) => void,
  observe: (reply: Reply, calls: number) => void,
): void {
  if (outcome.state === "completed") {
    let outs: Envelope[];
    try {
      const { returnvalue } = outcome;
      const reply: Reply = typeof returnvalue === "string" ? JSON.parse(returnvalue) : returnvalue;
      if (reply === null || typeof reply !== "object")
        throw new RemoteFailure("the agent's reply is not an outcome");
      outs = "b" in reply && Array.isArray(reply.b) ? reply.b : [reply as Envelope];
      observe(reply, job.calls.length);
    } catch (error) {
      for (const call of job.calls) settle(call, false, error);
      return;
    }
    for (const [i, call] of job.calls.entries()) settleCall(call, outs[i], settle);
    return;
  }
  for (const call of job.calls) {
    const site = { task: call.fn };
    if (outcome.state === "missing") settle(call, false, new TaskLostError(site));
    else {
      const reason = outcome.failedReason;
      const lost = /stall/i.test(reason);
      settle(
        call,
        false,
        lost
          ? new AgentLostError(reason, site)
          : new RemoteFailure(`the agent failed the task: ${reason}`, site),
      );
    }
  }
}
