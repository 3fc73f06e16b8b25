// A Markdown-like page to HTML, with its table of contents and word count: the work of a static
// site generator per page, written here so the bench needs no dependency. A page of a few KB
// takes a fraction of a millisecond, as a real renderer's does.

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

function inline(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/_([^_]+)_/g, "<em>$1</em>")
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '<a href="$2">$1</a>');
}

export interface RenderedPage {
  html: string;
  toc: { level: number; id: string; text: string }[];
  words: number;
  /** The page's most frequent words, for a search index. */
  keywords: string[];
}

/** The `k` most frequent words of `text` of 3 letters or more. */
function keywords(text: string, k: number): string[] {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/[a-z]{3,}/g) ?? [])
    counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, k)
    .map(([word]) => word);
}

export function renderPage(source: string): RenderedPage {
  const out: string[] = [];
  const toc: RenderedPage["toc"] = [];
  let list = false;
  let code = false;
  let words = 0;
  for (const line of source.split("\n")) {
    if (line.startsWith("```")) {
      out.push(code ? "</code></pre>" : "<pre><code>");
      code = !code;
      continue;
    }
    if (code) {
      out.push(escapeHtml(line));
      continue;
    }
    if (list && !line.startsWith("- ")) {
      out.push("</ul>");
      list = false;
    }
    words += line.split(/\s+/).filter(Boolean).length;
    const heading = /^(#{1,6}) (.*)$/.exec(line);
    if (heading) {
      const level = (heading[1] as string).length;
      const text = heading[2] as string;
      const id = slug(text);
      toc.push({ level, id, text });
      out.push(`<h${level} id="${id}">${inline(text)}</h${level}>`);
    } else if (line.startsWith("- ")) {
      if (!list) out.push("<ul>");
      list = true;
      out.push(`<li>${inline(line.slice(2))}</li>`);
    } else if (line.trim()) {
      out.push(`<p>${inline(line)}</p>`);
    }
  }
  if (list) out.push("</ul>");
  return { html: out.join("\n"), toc, words, keywords: keywords(source, 10) };
}
