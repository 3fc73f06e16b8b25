// Which runtime runs this code, and the few Deno and Bun globals the bench reads. The bench is
// typed for Node, so tsc knows neither global: they are declared here as far as they are used.

/** What the bench reads of Deno's global. */
interface DenoGlobal {
  args: string[];
  version: { deno: string };
  memoryUsage(): { rss: number; heapUsed: number; heapTotal: number; external: number };
}

/** What the bench reads of Bun's global. */
interface BunGlobal {
  version: string;
  gc(force: boolean): void;
}

const globals = globalThis as { Deno?: DenoGlobal; Bun?: BunGlobal };

export const deno: DenoGlobal | undefined = globals.Deno;
export const bun: BunGlobal | undefined = globals.Bun;
export const runtime: "node" | "deno" | "bun" = deno ? "deno" : bun ? "bun" : "node";

/** The command-line arguments after the script, on every runtime. */
export const programArgs = (): string[] => deno?.args ?? process.argv.slice(2);
