// The raw floor: a worker_threads worker that squares what it is sent, one message per task.
import { parentPort } from "node:worker_threads";

parentPort.on("message", ([id, x]) => parentPort.postMessage([id, x * x]));
