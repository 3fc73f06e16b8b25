// The tasks the BullMQ figures run on the agents: tiny ones, so the figures are the transport's.
export const square = (x: number): number => x * x;
export const noop = (): null => null;
