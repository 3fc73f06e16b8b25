// The reach check on an unpacked package made to leak in every way it looks for, so that the
// clean result on the real tarballs means they are clean, not that the check sees nothing.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { workspaceRoot } from "@multiproc/runtimes";
import { afterAll, describe, expect, it } from "vitest";
import { reachProblems } from "./support/tarball-reach.ts";

const root = await mkdtemp(join(tmpdir(), "multiproc-reach-check-"));
afterAll(() => rm(root, { recursive: true, force: true }));

const leaky: Record<string, string> = {
  "package.json": JSON.stringify({
    name: "@example/leaky",
    dependencies: { "declared-dep": "^1.0.0", "@example/sibling": "workspace:*" },
    peerDependencies: { "peer-dep": "^2.0.0" },
  }),
  "dist/index.js": [
    'import "node:fs";',
    'import "declared-dep/sub";',
    'import "peer-dep";',
    'import "@example/leaky/self";',
    'import "undeclared-dep";',
    'import "fs";',
    'import "./present.js";',
    'import "./absent.js";',
    'import "../../outside.js";',
    'const worker = new URL("./worker.js", import.meta.url);',
    'const entry = entryBeside(import.meta.url, "thread-entry");',
    'const absolute = import("/srv/app/absolute.js");',
  ].join("\n"),
  "dist/present.js": "export {};\n//# sourceMappingURL=present.js.map\n",
  "dist/present.js.map": JSON.stringify({ version: 3, sources: ["../src/present.ts"], mappings: "" }),
  // A bundle's map: one source missing and not carried, one outside the package but carried.
  "dist/bundle.js": "export {};\n//# sourceMappingURL=bundle.js.map\n",
  "dist/bundle.js.map": JSON.stringify({
    version: 3,
    sources: ["../src/bundle.ts", "../../core/src/carried.ts"],
    sourcesContent: [null, "export {};\n"],
    mappings: "",
  }),
  "dist/index.d.ts": 'export type Options = import("./options.js").Options;\n',
  // Written by Bun's compiler (the Bun adapter's bytecode entries): a bare builtin is Bun's own
  // spelling there, a bare package is still undeclared.
  "dist/bun-entry.js": '// @bun @bytecode @bun-cjs\nimport("async_hooks");\nimport("left-pad");\n',
  "dist/leak.js": `export const where = "${workspaceRoot}/packages/leaky";\n`,
};

describe("reachProblems", () => {
  it("reports every way a package reaches outside its tarball", async () => {
    for (const [file, text] of Object.entries(leaky)) {
      await mkdir(dirname(join(root, file)), { recursive: true });
      await writeFile(join(root, file), text);
    }
    const pkg = { name: "@example/leaky", source: root, tarball: "", unpacked: root };
    expect((await reachProblems(pkg)).sort()).toEqual(
      [
        "package.json dependencies: @example/sibling@workspace:* cannot be installed from a registry",
        'dist/index.js:5: "undeclared-dep" is not a node: builtin and "undeclared-dep" is not in dependencies or peerDependencies',
        'dist/index.js:6: "fs" is not a node: builtin and "fs" is not in dependencies or peerDependencies',
        'dist/index.js:8: "./absent.js" resolves to dist/absent.js, which is not in the tarball',
        'dist/index.js:9: "../../outside.js" points outside the package',
        'dist/index.js:10: "./worker.js" resolves to dist/worker.js, which is not in the tarball',
        'dist/index.js:11: "./thread-entry.js" resolves to dist/thread-entry.js, which is not in the tarball',
        'dist/index.js:12: "/srv/app/absolute.js" is an absolute path or URL: only node:* builtins, dependencies and relative files are allowed',
        "dist/present.js.map: source src/present.ts is not in the tarball",
        "dist/bundle.js.map: source src/bundle.ts is not in the tarball",
        'dist/index.d.ts:1: "./options.js" resolves to dist/options.d.ts, which is not in the tarball',
        `dist/leak.js: contains the workspace path ${workspaceRoot}`,
        'dist/bun-entry.js:3: "left-pad" is not a node: builtin and "left-pad" is not in dependencies or peerDependencies',
      ].sort(),
    );
  });
});
