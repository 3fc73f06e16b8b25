// What a driver's engine is made from: core's sizing with the queue and the payload bound, and how
// to reach Redis (apart, as a user may print the options).
import type { EngineOptions } from "@multiproc/core/adapter";

/** A driver pool's settings: core's sizing, and where its calls go. */
export interface DriverOptions extends EngineOptions {
  /** The BullMQ queue's name. */
  queue: string;
  /** The largest JSON payload of a job, in characters. */
  maxPayload: number;
}

/** How the engine reaches Redis (kept apart from the options, which a user may print). */
export interface Connect {
  /** The Redis URL (never printed). */
  url: string;
  /** CA certificates (PEM) to trust for rediss://, beside the runtime's. */
  tlsCa?: string[] | undefined;
}
