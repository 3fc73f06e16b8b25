// Module option → URL string, without any runtime's path library: a URL stays as it is, an
// absolute POSIX path becomes a file: URL, anything else is an error that says what to pass.
import { InvalidArgumentError } from "./errors.ts";

/**
 * The runtime-free rule for a module option: a URL stays as it is, an absolute POSIX path becomes a
 * `file:` URL, a relative path throws InvalidArgumentError saying what to pass instead.
 */
export function moduleUrl(module: string | URL): string {
  if (module instanceof URL) return module.href;
  if (module.startsWith("/"))
    return new URL(`file://${encodeURI(module).replaceAll("?", "%3F").replaceAll("#", "%23")}`).href;
  if (/^[a-z][a-z0-9+.-]*:/i.test(module)) return new URL(module).href;
  throw new InvalidArgumentError(
    `module "${module}" is relative: pass new URL("${module}", import.meta.url) or an absolute path`,
  );
}
