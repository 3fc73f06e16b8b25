// The agent's options, checked at once: a bad value is an InvalidArgumentError before anything
// connects. The local pool's options are checked by core's own rules, against the adapter of the
// runtime the agent runs on.
import { InvalidArgumentError, type PoolOptions } from "@multiproc/core";
import {
  type Adapter,
  type KeyList,
  POOL_OPTION_KEYS,
  refuseUnknownKeys,
  resolvePoolOptions,
} from "@multiproc/core/adapter";
import { type Connection, checkConnection, checkQueue, checkTlsCa } from "./connection.ts";
import { checkMaxPayload } from "./wire.ts";

/** The options of `startAgent(…)`: where to pull tasks from, and the local pool that runs them. */
export interface AgentOptions extends Omit<PoolOptions, "module"> {
  /** The Redis URL: `redis://[user:password@]host:6379`, or `rediss://…` for TLS. Never printed. */
  connection: Connection;
  /** The BullMQ queue to serve. */
  queue: string;
  /** The task module: a URL or an absolute path. Only its named exports can be run. */
  module: string | URL;
  /**
   * BullMQ's lock duration in ms (default 30000): a task of an agent that died is taken over by
   * another agent this long after its last lock renewal.
   */
  lockMs?: number | undefined;
  /**
   * The largest result, in characters of JSON (default 16 Mi); a bigger one rejects with
   * PayloadTooLargeError. A bigger error comes back cut to fit, its message saying so.
   */
  maxPayload?: number | undefined;
  /** For `rediss://` with a CA of your own: its certificate(s) as PEM text (`--tls-ca FILE`). */
  tlsCa?: string | string[] | undefined;
}

/** AgentOptions checked; `local` is what the agent's own Pool gets. */
export interface AgentSettings {
  url: string;
  queue: string;
  lockMs: number;
  maxPayload: number;
  tlsCa: string[] | undefined;
  local: PoolOptions;
}

/** Every option of startAgent(): the agent's own and its local pool's. */
const AGENT_OPTION_KEYS = {
  ...POOL_OPTION_KEYS,
  connection: true,
  queue: true,
  lockMs: true,
  maxPayload: true,
  tlsCa: true,
} as const satisfies KeyList<AgentOptions>;

/**
 * Checks an agent's options (InvalidArgumentError) and splits them into the agent's and the local
 * pool's, those checked by core's rules against `adapter`, the runtime's own.
 */
export function checkAgentOptions(options: AgentOptions, adapter: Adapter): AgentSettings {
  if (options === null || typeof options !== "object")
    throw new InvalidArgumentError("agent options must be an object");
  refuseUnknownKeys(options, AGENT_OPTION_KEYS, "startAgent");
  const { connection, queue, lockMs, maxPayload, tlsCa, ...local } = options;
  const resolved = resolvePoolOptions(local as PoolOptions, adapter);
  const url = checkConnection(connection);
  return {
    url,
    queue: checkQueue(queue),
    lockMs: checkLockMs(lockMs),
    maxPayload: checkMaxPayload(maxPayload),
    tlsCa: checkTlsCa(tlsCa, url),
    local: { ...local, module: resolved.module } as PoolOptions,
  };
}

function checkLockMs(value: unknown): number {
  if (value === undefined) return 30_000;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 100) {
    throw new InvalidArgumentError(`lockMs must be an integer ≥ 100 (ms), not ${JSON.stringify(value)}`);
  }
  return value;
}
