// Which thread this is, as the owner field of a Lock or RLock records it. A worker's id is chosen
// by its parent (sent in "init"), so the parent can free what a worker held when it dies.

const AGENT = Symbol.for("multiproc.talk.agent");
type Holder = { [AGENT]?: number };

/** A random id in 1 … 2^31-1 (0 means "nobody" in a lock's owner field). */
export function newAgentId(): number {
  return 1 + Math.floor(Math.random() * 0x7ffffffe);
}

/** This thread's id: shared by every copy of core loaded in it (it lives on globalThis). */
export function agentId(): number {
  const holder = globalThis as Holder;
  holder[AGENT] ??= newAgentId();
  return holder[AGENT];
}

/** Sets this thread's id: a worker's task server does it with the id its parent chose. */
export function setAgentId(id: number): void {
  (globalThis as Holder)[AGENT] = id;
}
