// The driver's Pool: core's own Pool (apply, map, imap, AsyncResult, the errors) over the BullMQ
// engine. It has no `module`, and starts no worker: the module and the workers are the agents'.
import { type AnyFunction, InvalidArgumentError } from "@multiproc/core";
import {
  Pool as CorePool,
  type KeyList,
  refuseUnknownKeys,
  resolveEngineOptions,
} from "@multiproc/core/adapter";
import { type Connection, checkConnection, checkQueue, checkTlsCa } from "./connection.ts";
import { BullmqEngine, type DriverOptions } from "./engine.ts";
import { checkMaxPayload } from "./wire.ts";

/** The options of a driver's `new Pool(…)`. */
export interface PoolOptions {
  /** The Redis URL: `redis://[user:password@]host:6379[/db]`, or `rediss://…` for TLS. Never printed. */
  connection: Connection;
  /** The BullMQ queue the agents serve (`multiproc-agent --queue`). */
  queue: string;
  /**
   * The worker slots you expect the agents to have in all (default 4). It sizes `map`'s automatic
   * chunks, `imap`'s read-ahead, the running tasks `maxQueue` allows beyond its bound and how many
   * jobs a burst of short calls is cut into (at least four per slot); it starts nothing.
   */
  workers?: number | undefined;
  /** Tasks in flight per worker slot, as the agents run them (default 1); counted as `workers` is. */
  concurrency?: number | undefined;
  /** Tasks that may wait beyond `workers × concurrency`; more are refused with QueueFullError (default: no bound). */
  maxQueue?: number | undefined;
  /** The largest job, in characters of JSON (default 16 Mi); a bigger call rejects with PayloadTooLargeError. */
  maxPayload?: number | undefined;
  /**
   * For a `rediss://` URL whose server certificate is signed by a CA of your own (self-signed):
   * that CA's certificate as PEM text (`readFileSync("ca.pem", "utf8")`), or several. Only these
   * CAs are then trusted for Redis; without it the runtime's usual CAs apply.
   */
  tlsCa?: string | string[] | undefined;
}

const DEFAULT_WORKERS = 4;

/** Every option of the driver's Pool: a key not here is refused, naming the nearest. */
const DRIVER_OPTION_KEYS = {
  connection: true,
  queue: true,
  workers: true,
  concurrency: true,
  maxQueue: true,
  maxPayload: true,
  tlsCa: true,
} as const satisfies KeyList<PoolOptions>;

/**
 * Python's `multiprocessing.Pool` across hosts: calls go to a BullMQ queue on Redis, agents
 * (`multiproc-agent`) on any number of hosts pull them and run them on their workers. `M`
 * (`typeof import("./tasks.ts")`) types the task names, arguments and results.
 */
export class Pool<M extends object = Record<string, AnyFunction>> extends CorePool<M, DriverOptions> {
  constructor(options: PoolOptions) {
    if (options === null || typeof options !== "object")
      throw new InvalidArgumentError("Pool options must be an object");
    // A local pool's option here (module, kind…) is the agents': say so rather than ignore it.
    refuseUnknownKeys(
      options,
      DRIVER_OPTION_KEYS,
      "the BullMQ driver's Pool (module, kind and the like are the agents')",
    );
    const url = checkConnection(options.connection);
    const queue = checkQueue(options.queue);
    const maxPayload = checkMaxPayload(options.maxPayload);
    const tlsCa = checkTlsCa(options.tlsCa, url);
    // workers, concurrency and maxQueue by core's rules, as a local pool has them.
    const sizing = resolveEngineOptions(options, DEFAULT_WORKERS);
    super(new BullmqEngine({ ...sizing, queue, maxPayload }, { url, tlsCa }));
  }
}
Object.defineProperty(Pool, "name", { value: "Pool" });
