// The path of the Node 24 binary that this package installs. It lives here, in a package of its
// own, so that its `node` never lands in node_modules/.bin of any other package.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Where this package's Node 24 binary is (from dist/ or src/, the package folder is one up). */
export const node24Path = fileURLToPath(new URL("../node_modules/.bin/node", import.meta.url));
/** Whether the binary is there (its install script may have been skipped). */
export const node24Installed = existsSync(node24Path);
