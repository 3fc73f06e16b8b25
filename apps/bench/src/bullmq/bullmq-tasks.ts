// The tasks the agents run in the BullMQ rows: the bench's own tiny tasks, so the figures are the
// transport's (Redis, BullMQ, the agents), not the work's.
export { add, inc } from "../tasks/bench-tasks.ts";
