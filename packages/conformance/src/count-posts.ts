// For an adapter's own tests of its thread mailbox (core's wire/mailbox.ts): how many messages
// went by postMessage while some calls ran, the rest having gone through shared memory.

/** A worker class's prototype, whose postMessage is counted. */
export interface Posting {
  /** The method counted: a Worker's postMessage. */
  postMessage(...args: never[]): unknown;
}

/** How many times `proto.postMessage` was called while `run` ran; the method is put back after. */
export async function countPosts(proto: Posting, run: () => Promise<void>): Promise<number> {
  const post = proto.postMessage;
  let posted = 0;
  proto.postMessage = function (this: unknown, ...args: never[]) {
    posted++;
    return post.apply(this, args);
  };
  try {
    await run();
  } finally {
    proto.postMessage = post;
  }
  return posted;
}
