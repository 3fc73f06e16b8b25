// Turns Stryker's JSON report (the mutation-testing-report schema) into a Markdown summary:
// counts per file, the score, and where each surviving or uncovered mutant is.

const columns = ["Killed", "Timeout", "Survived", "NoCoverage"] as const;
type Column = (typeof columns)[number];
type Count = Record<Column, number>;

/** The part of the mutation-testing-report schema read here. */
export interface MutationReport {
  files: Record<
    string,
    {
      mutants: {
        status: string;
        mutatorName: string;
        replacement?: string;
        location: { start: { line: number } };
      }[];
    }
  >;
}

/** Markdown: a table of counts per file and in total, then the list of survivors. */
export function summarize(report: MutationReport): string {
  const rows: string[] = [];
  const total = zero();
  const survivors: string[] = [];
  for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    const count = zero();
    for (const m of mutants) {
      if (isColumn(m.status)) count[m.status]++;
      if (m.status === "Survived" || m.status === "NoCoverage") {
        survivors.push(
          `- ${file}:${m.location.start.line} ${m.status} ${m.mutatorName}: \`${oneLine(m.replacement)}\``,
        );
      }
    }
    for (const c of columns) total[c] += count[c];
    rows.push(row(file, count));
  }
  return [
    `| file | ${columns.join(" | ")} | score |`,
    `| --- | ${columns.map(() => "---:").join(" | ")} | ---: |`,
    ...rows,
    row("**total**", total),
    "",
    "score = (killed + timeout) / (killed + timeout + survived + no coverage)",
    "",
    `Survived or not covered (${survivors.length}):`,
    "",
    ...survivors,
    "",
  ].join("\n");
}

function zero(): Count {
  return { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0 };
}

function isColumn(status: string): status is Column {
  return (columns as readonly string[]).includes(status);
}

function row(name: string, count: Count): string {
  const detected = count.Killed + count.Timeout;
  const valid = detected + count.Survived + count.NoCoverage;
  const score = valid === 0 ? "n/a" : `${((100 * detected) / valid).toFixed(1)}%`;
  return `| ${name} | ${columns.map((c) => count[c]).join(" | ")} | ${score} |`;
}

function oneLine(text = ""): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}
