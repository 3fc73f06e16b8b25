// Worker side: imports the task module. A browser says only "Failed to fetch dynamically imported
// module" for a module that is not there, as for any network failure: ask the server, and when it
// answers 404, say so with the code core reads as a missing module (a short error, no retries).

/** Imports `url`; a module the server does not have fails with code ERR_MODULE_NOT_FOUND. */
export async function importTaskModule(url: string): Promise<Record<string, unknown>> {
  try {
    return await import(url);
  } catch (error) {
    if (!(error instanceof TypeError) || (await statusOf(url)) !== 404) throw error;
    throw Object.assign(new Error(`Cannot find module ${url} (the server answered 404 Not Found)`), {
      code: "ERR_MODULE_NOT_FOUND",
    });
  }
}

async function statusOf(url: string): Promise<number | undefined> {
  try {
    return (await fetch(url, { method: "HEAD", cache: "no-store" })).status;
  } catch {
    return undefined; // no answer at all: the import's own error says more
  }
}
