// Loading, in the child: the user's adapter by the URL the driver resolved in the user's project,
// and (for `main` and checks) the task module itself, through tsx where Node cannot strip types.
import process from "node:process";
import type { Adapter } from "./modes.ts";
import type { ChildSpec, ErrorInfo } from "./protocol.ts";

export async function loadAdapter(url: string): Promise<Adapter> {
  const adapter = (await import(url)) as Partial<Adapter>;
  if (typeof adapter.Pool !== "function" || typeof adapter.Process !== "function") {
    throw new Error(`${url} exports no Pool and Process: is it a multiproc adapter?`);
  }
  return adapter as Adapter;
}

export async function loadModule(spec: ChildSpec): Promise<Record<string, unknown>> {
  const features = process.features as { typescript?: unknown };
  if (spec.tsx && !features.typescript) {
    const { register } = (await import(spec.tsx)) as { register(): unknown };
    register();
  }
  return (await import(spec.module)) as Record<string, unknown>;
}

export function describeError(error: unknown): ErrorInfo {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  }
  return { name: "Error", message: `thrown: ${String(error)}` };
}
