// What the BullMQ rows are (bullmq-rows.ts) and how the section finds them (bullmq-section.ts).

export const BULLMQ_SECTION = "BullMQ (across hosts)";
/** Agents of one worker in multiproc's rows; bare Workers in raw BullMQ's. */
export const AGENTS = [1, 2, 4] as const;
/** Against the run's sizes: a fifth of the burst (each call is a Redis job), 5× the map items (10^5). */
export const SCALE = { tasks: 0.2, mapItems: 5 };
/**
 * One pool's round trips per round, in multiproc's rows and raw BullMQ's (ContenderModule.tripPools):
 * through Redis, where the OS placed the threads does not show.
 */
export const tripPools = 1;

export const idOf = (agents: number) => `node/bullmq/${agents}-agent${agents > 1 ? "s" : ""}`;
export const rawIdOf = (workers: number) => `node/bullmq/raw-${workers}`;
