// multiproc-agent's command line, turned into startAgent() options.
import { readFileSync } from "node:fs";
import { InvalidArgumentError } from "@multiproc/core";
import type { AgentOptions } from "./agent-options.ts";

/** What `multiproc-agent --help` prints. */
export const usage = `usage: multiproc-agent --connection redis://host:6379 --queue NAME --module ./tasks.js
                       [--workers N] [--kind thread|process] [--concurrency N] [--lock-ms MS]
                       [--max-tasks-per-worker N] [--initializer EXPORT] [--init-args JSON]
                       [--max-payload N] [--max-memory MIB] [--tls-ca FILE]

The connection may also come from MULTIPROC_REDIS_URL (keeps a password out of process lists).
--tls-ca trusts the CA certificate (PEM) in FILE for a rediss:// Redis with a certificate of its own.`;

const NUMBERS = new Set([
  "workers",
  "concurrency",
  "lock-ms",
  "max-tasks-per-worker",
  "max-payload",
  "max-memory",
]);

/** The options the arguments give (a relative --module is resolved against `cwd`), or "help". */
export function parseAgentArgs(argv: string[], cwd: string): AgentOptions | "help" {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--help" || arg === "-h") return "help";
    if (!arg.startsWith("--")) throw new InvalidArgumentError(`unexpected argument ${JSON.stringify(arg)}`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const value = inline ?? argv[++i];
    if (value === undefined) throw new InvalidArgumentError(`--${name} needs a value`);
    values[name] = value;
  }
  const connection = values.connection ?? process.env.MULTIPROC_REDIS_URL;
  for (const [name, given] of [
    ["connection", connection],
    ["queue", values.queue],
    ["module", values.module],
  ] as const) {
    if (!given) throw new InvalidArgumentError(`--${name} is required`);
  }
  const number = (name: string) => {
    const text = values[name];
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isFinite(n))
      throw new InvalidArgumentError(`--${name} must be a number, not ${JSON.stringify(text)}`);
    return n;
  };
  for (const name of Object.keys(values)) {
    if (
      !["connection", "queue", "module", "kind", "initializer", "init-args", "tls-ca", ...NUMBERS].includes(
        name,
      )
    ) {
      throw new InvalidArgumentError(`unknown option --${name}`);
    }
  }
  let initArgs: unknown[] | undefined;
  if (values["init-args"] !== undefined) {
    try {
      initArgs = JSON.parse(values["init-args"]) as unknown[];
    } catch {
      throw new InvalidArgumentError("--init-args must be a JSON array");
    }
  }
  return {
    connection: connection as string,
    queue: values.queue as string,
    module: moduleOf(values.module as string, cwd),
    workers: number("workers"),
    concurrency: number("concurrency"),
    kind: values.kind as AgentOptions["kind"],
    lockMs: number("lock-ms"),
    maxTasksPerWorker: number("max-tasks-per-worker"),
    maxPayload: number("max-payload"),
    maxMemory: number("max-memory"),
    initializer: values.initializer,
    initArgs,
    ...(values["tls-ca"] !== undefined ? { tlsCa: readPem(values["tls-ca"], cwd) } : {}),
  };
}

function readPem(file: string, cwd: string): string {
  const path = file.startsWith("/") ? file : `${cwd.endsWith("/") ? cwd : `${cwd}/`}${file}`;
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new InvalidArgumentError(
      `--tls-ca: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? error})`,
    );
  }
}

function moduleOf(module: string, cwd: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(module) || module.startsWith("/")) return module;
  return new URL(module, `file://${cwd.endsWith("/") ? cwd : `${cwd}/`}`).href;
}
