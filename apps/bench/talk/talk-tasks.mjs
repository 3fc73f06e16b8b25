// The worker's side of talk-bench.mjs: a consumer that takes n items from the Queue it is handed.
export async function drain(q, n, done) {
  let last;
  for (let i = 0; i < n; i++) last = await q.get();
  await done.put(last.i);
}

export async function pingPong(requests, replies, n) {
  for (let i = 0; i < n; i++) await replies.put(await requests.get());
}
