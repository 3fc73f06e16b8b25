// A progress line for longer runs, fed by a bulk call's onProgress: done/total, the rate and the
// time left, rewritten in place on a terminal; when the output goes to a pipe or a file (CI, a
// test), only the last report, once the run is done.
import process from "node:process";

/** What map's and imap's onProgress report (BulkProgress, the same from every adapter). */
interface Progress {
  done: number;
  total: number | undefined;
  elapsedMs: number;
  etaMs: number | undefined;
}

/** An onProgress for map/imap that shows `what` done so far (e.g. "hashed"). */
export function progressLine(what: string): (progress: Progress) => void {
  return ({ done, total, elapsedMs, etaMs }) => {
    const percent = total ? ` (${Math.round((100 * done) / total)}%)` : "";
    const rate = elapsedMs > 0 ? (1000 * done) / elapsedMs : 0;
    const finished = total !== undefined && done === total;
    const left = finished
      ? ` in ${(elapsedMs / 1000).toFixed(1)} s`
      : etaMs === undefined
        ? ""
        : `, ${(etaMs / 1000).toFixed(1)} s left`;
    const text = `${what}: ${done}/${total ?? "?"}${percent}, ${rate.toFixed(1)}/s${left}`;
    if (process.stdout.isTTY) process.stdout.write(`\r${text}\u001b[K${finished ? "\n" : ""}`);
    else if (finished) console.log(text);
  };
}
