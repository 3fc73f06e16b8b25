// A call as the driver's engine holds it, and the job that carries it (one call, or several).
import { Task } from "@multiproc/core/adapter";

/** A call as the engine holds it: once sent, the job that carries it. */
export class JobCall extends Task {
  job: PendingJob | undefined;
}

/** A job of one call or several, sent and not yet done with. */
export interface PendingJob {
  /** Its id in Redis: the driver's id and its first call's. */
  id: string;
  /** Its calls, in order (as their outcomes come back). */
  calls: JobCall[];
  /** Of those, the calls not yet settled. */
  open: number;
  /** It is in Redis (the add was acknowledged): from then on, a missing job is a lost one. */
  queued: boolean;
}
