// The Process-start floor on Deno and Bun, kind thread: a bare Web Worker that runs the article's
// task on the file it is sent, says so, and closes itself (a Web Worker has no exit event).
import { writeHi } from "../tasks/bench-tasks.ts";

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<string>) => void) | null;
  postMessage(message: unknown): void;
  close(): void;
};

scope.onmessage = async ({ data: file }) => {
  await writeHi(file);
  scope.postMessage("done");
  scope.close();
};
