// A progress line for longer runs: rewritten in place on a terminal; when the output goes to a
// pipe or a file (CI, a test), one line per quarter instead of a stream of carriage returns.
import process from "node:process";

export function showProgress(done: number, total: number, what: string): void {
  const text = `${what}: ${done}/${total} (${Math.round((100 * done) / total)}%)`;
  if (process.stdout.isTTY) {
    process.stdout.write(`\r${text}${done === total ? "\n" : ""}`);
  } else if (Math.floor((4 * done) / total) > Math.floor((4 * (done - 1)) / total)) {
    console.log(text);
  }
}
