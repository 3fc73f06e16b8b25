// Worker side: imports the task module, registering tsx first for a .ts module on a Node that
// cannot strip types itself (Node 20). `--import tsx` does not reach workers; register() does.
// register-tsx.ts is loaded only then: its node:fs, node:module and node:url would cost every
// worker's start-up about a millisecond (node:fs's ESM facade loads its streams).

const typescript = /\.[mc]?tsx?$/;

export async function importTaskModule(url: string): Promise<Record<string, unknown>> {
  if (typescript.test(new URL(url).pathname) && !(process.features as { typescript?: unknown }).typescript) {
    const { registerTsx } = await import("./register-tsx.ts");
    await registerTsx(url);
  }
  let tasks: Record<string, unknown>;
  try {
    tasks = await import(url);
  } catch (error) {
    // Loaded only now: a module that loads costs nothing more.
    const { explainImportError } = await import("./explain-import-error.ts");
    throw explainImportError(url, error);
  }
  if (!Object.values(tasks).some((value) => typeof value === "function")) {
    const { explainNoFunctionExports } = await import("./explain-import-error.ts");
    const error = explainNoFunctionExports(url);
    if (error) throw error;
  }
  return tasks;
}
