// The tasks every row runs: tiny on purpose, so the cost measured is the machinery's, not the
// work's. Only node:fs/promises, which Node, Deno and Bun all provide.
import { open } from "node:fs/promises";

/** One small object in, one number out: the burst and round-trip task. */
export interface AddArgs {
  a: number;
  b: number;
}

export const add = ({ a, b }: AddArgs): number => a + b;

/** The `map` task over plain numbers. */
export const inc = (x: number): number => x + 1;

/** The article's task: open a file, write a short string to it in four pieces, close it. */
export async function writeHi(file: string): Promise<void> {
  const handle = await open(file, "w");
  try {
    for (let i = 0; i < 4; i++) await handle.write("hi");
  } finally {
    await handle.close();
  }
}

/** The "map of documents" task: one page of Markdown-like text to HTML (see render-doc.ts). */
export { renderPage } from "./render-doc.ts";
