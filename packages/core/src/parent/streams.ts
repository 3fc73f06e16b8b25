// imap's result streams. The source is pulled one chunk at a time and never more than
// `readAhead` chunks ahead of what the consumer has taken, so an endless generator is safe.

export type SubmitChunk = (items: unknown[]) => Promise<unknown[]>;

/** How a result stream reads its source and sends its chunks. */
export interface StreamPlan {
  /** Sends one chunk of items; resolves with its results. */
  submit: SubmitChunk;
  /** Items per chunk. */
  chunksize: number;
  /** Chunks read ahead of what the consumer has taken, at most. */
  readAhead: number;
  /** Called once the source has ended (not thrown), with the number of items it gave. */
  onSourceEnd?: ((items: number) => void) | undefined;
}

type Source<T> = Iterable<T> | AsyncIterable<T>;

/**
 * Groups the source's items into chunks of `chunksize`, lazily. When the source throws, the
 * items read before it still go out as a last chunk, then the error follows.
 */
async function* chunks<T>(
  source: Source<T>,
  chunksize: number,
  onEnd?: (items: number) => void,
): AsyncGenerator<unknown[]> {
  let chunk: unknown[] = [];
  let items = 0;
  try {
    for await (const item of source as AsyncIterable<T>) {
      items++;
      chunk.push(item);
      if (chunk.length === chunksize) {
        yield chunk;
        chunk = [];
      }
    }
  } catch (error) {
    if (chunk.length > 0) yield chunk;
    throw error;
  }
  onEnd?.(items);
  if (chunk.length > 0) yield chunk;
}

/** The next chunk, the end, or the error the source threw (kept, to be thrown after the results). */
async function pull(
  input: AsyncGenerator<unknown[]>,
): Promise<IteratorResult<unknown[]> | { error: unknown }> {
  try {
    return await input.next();
  } catch (error) {
    return { error };
  }
}

/**
 * Results in input order. A failed item throws at its place in the sequence; a source that
 * throws does so after the results of every item read before it.
 */
export async function* orderedResults<R>(source: Source<unknown>, plan: StreamPlan): AsyncGenerator<R> {
  const { submit, readAhead } = plan;
  const pending: Promise<unknown[]>[] = [];
  const input = chunks(source, plan.chunksize, plan.onSourceEnd);
  let exhausted = false;
  let sourceFailed: { error: unknown } | undefined;
  try {
    while (true) {
      while (!exhausted && pending.length < readAhead) {
        const next = await pull(input);
        if ("error" in next) sourceFailed = next;
        else if (!next.done) pending.push(quiet(submit(next.value)));
        exhausted = "error" in next || next.done === true;
      }
      const head = pending.shift();
      if (!head) break;
      for (const value of await head) yield value as R;
    }
    if (sourceFailed) throw sourceFailed.error;
  } finally {
    await input.return(undefined);
  }
}

/** Results in completion order; a source that throws does so after every item read before it. */
export async function* unorderedResults<R>(source: Source<unknown>, plan: StreamPlan): AsyncGenerator<R> {
  const { submit, readAhead } = plan;
  const input = chunks(source, plan.chunksize, plan.onSourceEnd);
  const done: { ok: boolean; value: unknown }[] = [];
  let inFlight = 0;
  let exhausted = false;
  let sourceFailed: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  try {
    while (true) {
      // Results taken by no one yet count too: the source is never read more than readAhead chunks ahead.
      while (!exhausted && inFlight + done.length < readAhead) {
        const next = await pull(input);
        if ("error" in next) sourceFailed = next;
        if ("error" in next || next.done) {
          exhausted = true;
          break;
        }
        inFlight++;
        submit(next.value).then(
          (value) => settle(true, value),
          (error) => settle(false, error),
        );
      }
      if (done.length === 0) {
        if (inFlight === 0) break;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      const first = done.shift();
      if (!first) continue;
      if (!first.ok) throw first.value;
      for (const value of first.value as unknown[]) yield value as R;
    }
    if (sourceFailed) throw sourceFailed.error;
  } finally {
    await input.return(undefined);
  }

  function settle(ok: boolean, value: unknown) {
    inFlight--;
    done.push({ ok, value });
    wake?.();
    wake = undefined;
  }
}

/** The same promise, with its rejection marked as handled until someone awaits it. */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}
