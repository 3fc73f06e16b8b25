// The path of the Node 24 binary that this package installs. It lives here, in a package of its
// own, so that its `node` never lands in node_modules/.bin of any other package.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const node24Path = fileURLToPath(new URL("./node_modules/.bin/node", import.meta.url));
export const node24Installed = existsSync(node24Path);
