// The id this worker's thread owns Locks under, chosen by its parent and sent in "init". It goes
// where talk/agent.ts reads it (globalThis, under the same Symbol.for key), written here rather than
// imported from there: a module the worker's start shared with the talk objects' lazily loaded
// code would become a chunk of its own that every worker loads (see live-args.ts).

const AGENT = Symbol.for("multiproc.talk.agent");

/** Makes `id` this thread's agent id, as talk/agent.ts's agentId() returns it. */
export function setWorkerAgent(id: number): void {
  (globalThis as { [AGENT]?: number })[AGENT] = id;
}
