// templates/adapter is copied out of the repository and installed from npm, so its ranges on our
// packages must take the versions being released: after `changeset version`, each becomes
// `^<new version>`. Replaced in place, so the file keeps its formatting.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Versions } from "./verify.ts";

/** The templates, relative to the repository's root. */
export const templateDirs = ["templates/adapter"];

/** Sets each template's range on a released package to `^version`; returns the files changed. */
export function syncTemplateRanges(root: string, versions: Versions, dirs = templateDirs): string[] {
  const changed: string[] = [];
  for (const dir of dirs) {
    const file = join(root, dir, "package.json");
    if (!existsSync(file)) continue;
    const text = readFileSync(file, "utf8");
    // Only the dependency blocks: "name" or a script that mentions a package stays as it is.
    const updated = text.replace(
      /("(?:dependencies|devDependencies|peerDependencies)"\s*:\s*\{)([^}]*)(\})/g,
      (_, open: string, body: string, close: string) =>
        open +
        body.replace(/("([^"]+)"\s*:\s*")[^"]*(")/g, (entry, head: string, name: string, tail: string) =>
          name in versions ? `${head}^${versions[name]}${tail}` : entry,
        ) +
        close,
    );
    if (updated === text) continue;
    JSON.parse(updated); // still JSON, or the release stops here
    writeFileSync(file, updated);
    changed.push(file);
  }
  return changed;
}
