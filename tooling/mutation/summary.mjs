// Turns Stryker's JSON report (the mutation-testing-report schema) into a Markdown summary:
// counts per file, the score, and where each surviving or uncovered mutant is.

const columns = ["Killed", "Timeout", "Survived", "NoCoverage"];

/** Markdown: a table of counts per file and in total, then the list of survivors. */
export function summarize(report) {
  const rows = [];
  const total = Object.fromEntries(columns.map((c) => [c, 0]));
  const survivors = [];
  for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    const count = Object.fromEntries(columns.map((c) => [c, 0]));
    for (const m of mutants) {
      if (m.status in count) count[m.status]++;
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

function row(name, count) {
  const detected = count.Killed + count.Timeout;
  const valid = detected + count.Survived + count.NoCoverage;
  const score = valid === 0 ? "n/a" : `${((100 * detected) / valid).toFixed(1)}%`;
  return `| ${name} | ${columns.map((c) => count[c]).join(" | ")} | ${score} |`;
}

function oneLine(text = "") {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}
