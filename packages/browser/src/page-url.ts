// Module option → URL string, in a page: relative URLs are normal here, and resolve against the
// page (document.baseURI) as a <script src> would; in a worker, against the worker's location.
import { InvalidArgumentError } from "@multiproc/core";

/** The URL workers import for a module option: a URL as it is, a string resolved against the page. */
export function pageModuleUrl(module: string | URL): string {
  if (module instanceof URL) return module.href;
  const base = pageBase();
  try {
    return new URL(module, base).href;
  } catch {
    throw new InvalidArgumentError(
      `module "${module}" is not a URL${base ? ` relative to ${base}` : ""}: pass new URL("./tasks.js", import.meta.url)`,
    );
  }
}

function pageBase(): string | undefined {
  const scope = globalThis as { document?: { baseURI?: string }; location?: { href?: string } };
  return scope.document?.baseURI ?? scope.location?.href;
}
