/**
 * Like Python's `multiprocessing.dummy`: an adapter whose workers run in the calling thread, for
 * tests and debugging (a breakpoint in a task just works). It loads both sides of the wire in
 * one thread, so it lives on its own subpath: an adapter's Pool never loads the worker's code.
 *
 * ```ts
 * import { bindAdapter } from "@multiproc/core/adapter";
 * import { inProcessAdapter } from "@multiproc/core/in-process";
 * const { Pool, Process } = bindAdapter(inProcessAdapter);
 * ```
 *
 * @module @multiproc/core/in-process
 */
export {
  createInProcessAdapter,
  type InProcessOptions,
  inProcessAdapter,
} from "./in-process/in-process-adapter.ts";
// The objects that let workers talk, for tests and debugging beside the in-process Pool and Process.
export {
  Barrier,
  BoundedSemaphore,
  BrokenBarrierError,
  BrokenPipeError,
  Condition,
  Connection,
  EOFError,
  Event,
  JoinableQueue,
  Lock,
  Pipe,
  Queue,
  QueueEmptyError,
  QueueFullError,
  RLock,
  Semaphore,
  SharedArray,
  SimpleQueue,
  TooManyReleasesError,
  Value,
} from "./index.ts";
