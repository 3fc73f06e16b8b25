/**
 * Internal settings, changed only by this package's tests (not part of the API): the events
 * kept in the queue's stream (BullMQ's default is 10,000), how often the pending jobs are read
 * from Redis in case their events were missed, and the time per call (ms, the agents' median)
 * under which calls count as short and may travel several to a job (see batching.ts).
 */
export const tuning = { eventsKept: 50_000, sweepMs: 5000, shortCallMs: 2 };
