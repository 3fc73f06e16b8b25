// The errors only a pool across hosts can raise; every other error is core's own, as locally.
import { type ErrorSite, MultiprocError, SerializationError } from "@multiproc/core";

/**
 * The agent running the task was lost (killed, its host gone) twice: another agent took the task
 * over once its lock expired, and that run was lost too. A task may run twice before this.
 */
export class AgentLostError extends MultiprocError {
  /** What BullMQ said when it gave the task up. */
  readonly reason: string;
  constructor(reason: string, site: ErrorSite = {}) {
    super(`the agent running the task was lost, and so was the agent that took it over (${reason})`, site);
    this.reason = reason;
  }
}

/** Arguments or a result over the pool's `maxPayload`: they would not be stored in Redis. */
export class PayloadTooLargeError extends SerializationError {
  /** The encoded size, in characters of JSON. */
  readonly size: number;
  /** The limit, `maxPayload`. */
  readonly limit: number;
  constructor(direction: "arguments" | "result", size: number, limit: number, site: ErrorSite = {}) {
    super(
      direction,
      `the payload is ${size} characters encoded, over the limit of ${limit} (maxPayload)`,
      site,
    );
    this.size = size;
    this.limit = limit;
  }
}

/**
 * Redis no longer has the task's job: it restarted without persistence, failed over to a replica
 * that had not received it, or the result waited unread longer than an hour and was removed. The
 * task may or may not have run.
 */
export class TaskLostError extends MultiprocError {
  constructor(site: ErrorSite = {}) {
    super(
      "Redis lost the task (it restarted empty, failed over, or the unread result expired): it may or may not have run",
      site,
    );
  }
}
