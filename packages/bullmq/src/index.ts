/**
 * multiproc across hosts: the same Pool API over BullMQ and Redis. A driver makes
 * `new Pool({ connection, queue })`; agents (`multiproc-agent`, or `startAgent()`) on any hosts
 * pull its calls and run them on their runtime's local pool. Errors, AsyncResult and the option
 * types are core's, re-exported here as every adapter does.
 *
 * @module @multiproc/bullmq
 */
export * from "@multiproc/core";
export { type Agent, startAgent } from "./agent.ts";
export type { AgentOptions } from "./agent-options.ts";
export type { Connection } from "./connection.ts";
export { AgentLostError, PayloadTooLargeError, TaskLostError } from "./errors.ts";
export type { AgentRuntime } from "./local-adapter.ts";
export { Pool, type PoolOptions } from "./pool.ts";
