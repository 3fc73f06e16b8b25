// Progress of a map, starmap or imap, counted in items: reported at most every REPORT_MS while
// chunks settle, and once more at the end unless the report before already said the same (the
// last chunk's report often does: a user printing the report with done === total prints it once).
// Made only when the caller gave onProgress.
import { callSafely } from "./call-safely.ts";
import { InvalidArgumentError } from "./errors.ts";
import type { BulkProgress, MapOptions } from "./options.ts";

/** The shortest time between two reports, in ms; the last report comes whatever the time. */
const REPORT_MS = 100;

export class ProgressMeter {
  readonly #report: (progress: BulkProgress) => void;
  readonly #startedAt = performance.now();
  #lastReportAt = Number.NEGATIVE_INFINITY;
  #done = 0;
  #failed = 0;
  #total: number | undefined;
  #finished = false;
  /** done, failed and total of the last report, to tell whether the end has news. */
  #lastSent: string | undefined;

  /** `total`: the items in all, when known from the start (an array source). */
  constructor(report: (progress: BulkProgress) => void, total?: number) {
    this.#report = report;
    this.#total = total;
  }

  /** The source has ended: `total` items in all. */
  totalKnown(total: number): void {
    this.#total = total;
  }

  /** A chunk of `items` settled; reported now if the last report is old enough. */
  settled(items: number, ok: boolean): void {
    this.#done += items;
    if (!ok) this.#failed += items;
    const now = performance.now();
    if (now - this.#lastReportAt >= REPORT_MS) this.#send(now);
  }

  /** The bulk call has settled: the last report, once, if it differs from the one before. */
  finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    if (this.#counts() !== this.#lastSent) this.#send(performance.now());
  }

  /** Wraps a chunk's promise so that its settling counts. */
  count<T>(items: number, chunk: Promise<T>): Promise<T> {
    return chunk.then(
      (value) => {
        this.settled(items, true);
        return value;
      },
      (error: unknown) => {
        this.settled(items, false);
        throw error;
      },
    );
  }

  #counts(): string {
    return `${this.#done}/${this.#failed}/${this.#total}`;
  }

  #send(now: number): void {
    this.#lastReportAt = now;
    this.#lastSent = this.#counts();
    const elapsedMs = now - this.#startedAt;
    const total = this.#total;
    const done = this.#done;
    const etaMs =
      total === undefined || done === 0 ? undefined : Math.max(0, (elapsedMs / done) * (total - done));
    callSafely(this.#report, { done, total, failed: this.#failed, elapsedMs, etaMs });
  }
}

/** The meter of a bulk call's progress, when its options ask for it (`total` items, if known). */
export function progressMeter(
  options: MapOptions | undefined,
  total: number | undefined,
): ProgressMeter | undefined {
  const onProgress = options?.onProgress;
  if (onProgress === undefined) return undefined;
  if (typeof onProgress !== "function") throw new InvalidArgumentError("onProgress must be a function");
  return new ProgressMeter(onProgress, total);
}

/**
 * The stream, ending as it must once it ends (taken to the end, broken off, or failed): the
 * chunks it read ahead withdrawn, and its meter's last report.
 */
export async function* finishing<R>(
  stream: AsyncGenerator<R>,
  meter: ProgressMeter | undefined,
  withdrawal: AbortController,
): AsyncGenerator<R> {
  try {
    yield* stream;
  } finally {
    withdrawal.abort(new Error("the stream was left or failed: its chunks read ahead were withdrawn"));
    meter?.finish();
  }
}
