// A process cannot share memory with its parent: what a call transfers to one is copied. Its
// sender's buffers are detached all the same, so `transfer` means the same on every kind: the
// data has moved away, and the sender cannot go on using (or racing with) it.

/**
 * The message to send to a process: with a transfer list, a copy that has taken the sender's
 * buffers (they are detached, as a transfer to a thread would leave them). Throws, before
 * anything is sent, when the list cannot be transferred (a view instead of its buffer, a buffer
 * listed twice), so a failed send never leaves a message half gone.
 */
export function moveTransferred<T>(message: T, transfer: readonly object[] | undefined): T {
  return transfer?.length ? structuredClone(message, { transfer: [...transfer] as never[] }) : message;
}
