// A thread worker's init message, handed over as it starts: the Worker's `argv` option, which the
// worker reads as process.argv's last and takes out again, so a task sees the argv it would have
// without it. (`workerData` would stay visible to every task: code that checks it to tell whether
// it runs as a worker script of its own would take the wrong branch.)
import type { InitMessage } from "@multiproc/core/adapter";

const PREFIX = "--multiproc-init=";

/** The argument that carries `init`: JSON, which it is when it holds no initArgs. */
export const initArg = (init: InitMessage): string => PREFIX + JSON.stringify(init);

/** The init message the parent put last in `argv`, taken out of it; else undefined. */
export function takeInitArg(argv: string[]): InitMessage | undefined {
  const last = argv.at(-1);
  if (!last?.startsWith(PREFIX)) return undefined;
  argv.pop();
  return JSON.parse(last.slice(PREFIX.length)) as InitMessage;
}
