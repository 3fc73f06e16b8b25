// Imports the adapter package of the runtime running this code, and only that one: the adapters
// are optional peer dependencies, so the others need not be installed. A missing adapter becomes
// an AdapterNotFoundError that says what to install, instead of the runtime's bare "cannot find
// package".
import type { BoundPool, BoundProcess } from "@multiproc/core/adapter";
import type { RuntimeName } from "./detect-runtime.ts";
import { AdapterNotFoundError, type AdapterPackage } from "./errors.ts";

/** What `@multiproc/auto` takes from an adapter package (everything else is core's, re-exported). */
export interface AdapterModule {
  Pool: BoundPool;
  Process: BoundProcess;
}

/** How to import one adapter package. */
export interface AdapterImport {
  name: AdapterPackage;
  load: () => Promise<unknown>;
}

// Literal specifiers, so bundlers and `deno compile` see what may be imported. `as string` keeps
// tsc from type-checking the adapters' sources here: each uses its own runtime's globals.
const adapterImports: Record<RuntimeName, AdapterImport> = {
  node: { name: "@multiproc/node", load: () => import("@multiproc/node" as string) },
  deno: { name: "@multiproc/deno", load: () => import("@multiproc/deno" as string) },
  bun: { name: "@multiproc/bun", load: () => import("@multiproc/bun" as string) },
};

const installCommand: Record<RuntimeName, (name: string) => string> = {
  node: (name) => `npm i ${name}`,
  deno: (name) => `deno add npm:${name}`,
  bun: (name) => `bun add ${name}`,
};

/** The adapter package for `runtime` (`detectRuntime()`: undefined when it is none of the three), imported. */
export async function loadAdapter(
  runtime: RuntimeName | undefined,
  imports: Record<RuntimeName, AdapterImport> = adapterImports,
): Promise<{ name: AdapterPackage; module: AdapterModule }> {
  if (runtime === undefined) {
    throw new AdapterNotFoundError(
      "@multiproc/auto runs on Node, Deno and Bun, and this runtime is none of them: import the adapter for your runtime directly",
      "unknown",
      undefined,
    );
  }
  const { name, load } = imports[runtime];
  try {
    return { name, module: (await load()) as AdapterModule };
  } catch (error) {
    if (!isMissingPackage(error, name)) throw error;
    throw new AdapterNotFoundError(
      `@multiproc/auto on ${runtime} runs ${name}, which is not installed: ` +
        `${installCommand[runtime](name)} (each runtime a program runs on needs its adapter beside @multiproc/auto)`,
      runtime,
      name,
      error,
    );
  }
}

/**
 * The error of an import that did not find the package `name` itself. Node, Deno and Bun all say
 * ERR_MODULE_NOT_FOUND and quote the package (`Cannot find package '@multiproc/bun' imported
 * from …`); a file missing inside the package, or another package missing, quotes something else.
 */
export function isMissingPackage(error: unknown, name: string): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === "ERR_MODULE_NOT_FOUND" && typeof message === "string" && message.includes(`'${name}'`);
}
