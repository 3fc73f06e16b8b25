import { testAdapter } from "@multiproc/conformance";
import { nodeAdapter } from "@multiproc/node/adapter";
import { Pool } from "@multiproc/node/tinypool";

for (const kind of ["thread", "process"] as const) {
  testAdapter({
    name: "node (engine tinypool)",
    adapter: nodeAdapter,
    Pool,
    kind,
    unsupported: {
      process: 'engine "tinypool" provides pools only; Process is the Node adapter\'s, tested there',
      signals: "tinypool reports a dead worker without its signal",
      crash:
        "tinypool 2.2 leaves the task of a worker that exits pending forever (seen here): use the default engine",
      maxTasksPerWorker: "tinypool cannot recycle a worker after N tasks",
      repliesWhileBusy: "tinypool hands over a result only once its worker is free of the call beside it",
      workerEvents: "tinypool does not say when its workers start or end",
      withdraw:
        "tinypool cannot take a queued task back without the risk of ending a worker that already runs it",
      memoryLimit: "tinypool leaves the task of a worker that ends pending forever: maxMemory is refused",
      taskProgress: "tinypool gives a running task no channel to its caller: onProgress is refused",
    },
  });
}
