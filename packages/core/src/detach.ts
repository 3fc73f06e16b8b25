// A process cannot share memory with its parent: what a call transfers to one is copied. Its
// sender's buffers are detached all the same, so `transfer` means the same on every kind: the
// data has moved away, and the sender cannot go on using (or racing with) it.

/** Detaches the sender's copies of `transfer` (ArrayBuffers, …) after a copy was sent to a process. */
export function detachTransferred(transfer: readonly object[] | undefined): void {
  if (transfer?.length) structuredClone(transfer, { transfer: transfer as never[] });
}
