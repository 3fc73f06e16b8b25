// The errors of the objects that let workers talk, named as Python's exceptions are (queue.Empty,
// queue.Full, EOFError, threading.BrokenBarrierError, BrokenPipeError, ValueError for releasing
// a lock or semaphore too often), each a MultiprocError so that one catch sees them all.
import { MultiprocError } from "../parent/errors.ts";

/** `getNowait()`, or `get({ block: false })` / `get({ timeout })`, found the queue empty. Python's `queue.Empty`. */
export class QueueEmptyError extends MultiprocError {
  constructor(detail = "the queue is empty") {
    super(detail);
  }
}

/** `recv()` on a connection whose other end is closed and whose messages are all read. Python's `EOFError`. */
export class EOFError extends MultiprocError {
  constructor(detail = "the other end of the pipe is closed and every message was read") {
    super(detail);
  }
}

/** `send()` on a connection whose other end is closed. Python's `BrokenPipeError`. */
export class BrokenPipeError extends MultiprocError {
  constructor(detail = "the other end of the pipe is closed") {
    super(detail);
  }
}

/** A Barrier was aborted, reset, timed out or its action threw. Python's `threading.BrokenBarrierError`. */
export class BrokenBarrierError extends MultiprocError {
  constructor(detail = "the barrier is broken") {
    super(detail);
  }
}

/** `release()` on a Lock that is not held, a BoundedSemaphore past its value, an RLock not held here. */
export class TooManyReleasesError extends MultiprocError {
  constructor(detail = "released too many times") {
    super(detail);
  }
}
