// Which runtime runs this code, and the few Deno and Bun globals the bench reads. The bench is
// typed for Node, so tsc knows neither global: they are declared here as far as they are used.

/** A Deno subprocess, as far as the bench's raw floors use it. */
export interface DenoChild {
  stdin: WritableStream<Uint8Array>;
  stdout: AsyncIterable<Uint8Array>;
  status: Promise<{ code: number }>;
  kill(signal?: string): void;
}

/** What the bench reads of Deno's global. */
interface DenoGlobal {
  args: string[];
  version: { deno: string };
  memoryUsage(): { rss: number; heapUsed: number; heapTotal: number; external: number };
  execPath(): string;
  Command: new (
    command: string,
    options: { args: string[]; stdin?: "piped" | "null"; stdout?: "piped" | "inherit"; stderr?: "inherit" },
  ) => { spawn(): DenoChild };
  stdin: { readable: AsyncIterable<Uint8Array> };
  stdout: { writeSync(bytes: Uint8Array): number };
}

/** A Bun subprocess, as far as the bench's raw floors use it. */
export interface BunChild {
  send(message: unknown): void;
  exited: Promise<number>;
  kill(): void;
}

/** What the bench reads of Bun's global. */
interface BunGlobal {
  version: string;
  gc(force: boolean): void;
  spawn(options: {
    cmd: string[];
    ipc?: (message: unknown) => void;
    serialization?: "advanced" | "json";
    stdio?: ["ignore" | "inherit", "ignore" | "inherit", "ignore" | "inherit"];
  }): BunChild;
}

const globals = globalThis as { Deno?: DenoGlobal; Bun?: BunGlobal };

export const deno: DenoGlobal | undefined = globals.Deno;
export const bun: BunGlobal | undefined = globals.Bun;
export const runtime: "node" | "deno" | "bun" = deno ? "deno" : bun ? "bun" : "node";

/** The command-line arguments after the script, on every runtime. */
export const programArgs = (): string[] => deno?.args ?? process.argv.slice(2);
