/** How long terminate() and join() wait for Redis once it is unreachable before they let go. */
const GIVE_UP_MS = 2000;

/**
 * Waits for `work`, unless Redis has been unreachable (since `unreachableSince()`) for GIVE_UP_MS:
 * any late result is then ignored.
 */
export async function whileReachable(
  work: Promise<unknown>,
  unreachableSince: () => number | undefined,
): Promise<void> {
  work.catch(() => {});
  let timer: ReturnType<typeof setInterval> | undefined;
  const givenUp = new Promise<void>((resolve) => {
    const check = () => {
      const since = unreachableSince();
      if (since !== undefined && Date.now() - since >= GIVE_UP_MS) resolve();
    };
    check();
    timer = setInterval(check, 100);
  });
  await Promise.race([work.catch(() => {}), givenUp]);
  clearInterval(timer);
}
