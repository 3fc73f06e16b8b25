// docs/benchmarks.md's "What limits it" notes: one per missed target, written by hand. A new run
// rewrites the page but keeps every note already written; a missed target with no note yet gets a
// marked placeholder.
import type { TargetResult } from "../results.ts";

/** Marks a note nobody has written yet. */
export const PLACEHOLDER = "PLACEHOLDER";

const block = /<!-- limit:(\S+) -->\n([\s\S]*?)\n<!-- \/limit -->/g;

/** The notes in an existing page, by target id; placeholders are not notes. */
export function readNotes(page: string): Map<string, string> {
  const notes = new Map<string, string>();
  for (const [, id, text] of page.matchAll(block)) {
    if (id && text && !text.includes(PLACEHOLDER)) notes.set(id, text);
  }
  return notes;
}

/** The section, one note (kept, or a placeholder) per missed target. */
export function limitsSection(targets: TargetResult[], notes: Map<string, string>): string {
  const missed = targets.filter((t) => t.pass === false);
  const lines = ["## What limits it", ""];
  if (missed.length === 0) return [...lines, "Every target measured in this run was met.", ""].join("\n");
  lines.push(
    "One note per target missed in this run, from profiling (`--cpu-prof`). Notes are kept when the page is regenerated.",
    "",
  );
  for (const t of missed) {
    const placeholder = `> **${PLACEHOLDER}**: what limits ${t.id} (${t.measured?.toFixed(2)}×, target ${t.bound}) is still to be written from the profiles.`;
    lines.push(
      `### ${t.id}`,
      "",
      `<!-- limit:${t.id} -->`,
      notes.get(t.id) ?? placeholder,
      "<!-- /limit -->",
      "",
    );
  }
  return lines.join("\n");
}
