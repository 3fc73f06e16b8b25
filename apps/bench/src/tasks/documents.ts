// The documents of the bench's "map of documents" section: a site of short pages in Markdown-like
// text, made from a seeded generator so every run and runtime maps the same ones. Pages come in
// sections (a folder of release notes, one of guides, …) whose pages have a typical length of
// their own, as a real site sorted by path does: the cost of an item varies, and neighbours cost
// alike.

/** A deterministic generator of numbers in [0, 1) (mulberry32). */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  "pool worker task queue chunk result module thread process signal timeout retry cache index " +
  "render page site build deploy config option value error stack trace event stream buffer " +
  "the a of to in and for with on by from as is are was be this that it not or at"
).split(" ");

/** `n` pages, the same for the same `n` and `seed`. */
export function makeDocuments(n: number, seed = 1): string[] {
  const random = seeded(seed);
  const pick = () => WORDS[Math.floor(random() * WORDS.length)] as string;
  const words = (k: number) => Array.from({ length: k }, pick).join(" ");
  const docs: string[] = [];
  while (docs.length < n) {
    // A section: 20 to 300 pages, whose pages have about `paragraphs` paragraphs each.
    const pages = 20 + Math.floor(random() * 280);
    const paragraphs = 3 + Math.floor(random() ** 2 * 30);
    for (let p = 0; p < pages && docs.length < n; p++) {
      const lines = [`# ${words(4)}`, ""];
      const count = Math.max(1, Math.round(paragraphs * (0.5 + random())));
      for (let i = 0; i < count; i++) {
        const r = random();
        if (r < 0.15) lines.push(`## ${words(3)}`, "");
        else if (r < 0.3) lines.push(...Array.from({ length: 3 }, () => `- ${words(6)} \`${pick()}\``), "");
        else if (r < 0.38) lines.push("```", `const ${pick()} = ${pick()}(${pick()});`, "```", "");
        lines.push(
          `${words(12)} **${words(2)}** ${words(10)} _${pick()}_ [${words(2)}](https://example.com/${pick()}) ${words(14)} <${pick()}> & ${words(8)}.`,
          "",
        );
      }
      docs.push(lines.join("\n"));
    }
  }
  return docs;
}
