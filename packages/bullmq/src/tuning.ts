/**
 * Internal settings, changed only by this package's tests (not part of the API): the events
 * kept in the queue's stream (BullMQ's default is 10,000), and how often the pending jobs are
 * read from Redis in case their events were missed.
 */
export const tuning = { eventsKept: 50_000, sweepMs: 5000 };
