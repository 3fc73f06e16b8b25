// What the terminal shows at the end: the table, the run's noise, the verdicts.
import type { BenchReport } from "../schema.ts";
import { renderTable } from "./table.ts";

export function printReport(report: BenchReport): void {
  const { settings } = report;
  console.log(
    `\n${settings.task} × ${settings.items} item(s); medians of ${settings.repetitions} interleaved rounds, each in a fresh child process (after ${settings.warmup} warm-up round(s)); ${report.machine.cpus} CPUs\n`,
  );
  console.log(renderTable(report.cells));
  if (report.noise !== null) {
    console.log(
      `\nnoise of this run: ±${Math.round(report.noise * 100)}% (median of the cells' half min–max range); figures closer than a pair's noise are called a tie`,
    );
  }
  if (report.verdicts.length) {
    console.log("");
    for (const v of report.verdicts) console.log(`- ${v.text}`);
  }
}
