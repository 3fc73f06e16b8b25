// The raw floor: a worker_threads worker that squares what it is sent, one message per task.
import { parentPort } from "node:worker_threads";

if (!parentPort) throw new Error("raw-worker runs as a worker_threads Worker");
const port = parentPort;
port.on("message", ([id, x]: [number, number]) => port.postMessage([id, x * x]));
