// templates/adapter's ranges on our packages follow the versions released, on real files.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { syncTemplateRanges } from "../src/sync-template-ranges.ts";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function repoWithTemplate(manifest: string): { root: string; file: string } {
  const root = mkdtempSync(join(tmpdir(), "multiproc-template-sync-"));
  made.push(root);
  mkdirSync(join(root, "templates/adapter"), { recursive: true });
  const file = join(root, "templates/adapter/package.json");
  writeFileSync(file, manifest);
  return { root, file };
}

const template = `{
  "name": "@multiproc/core-adapter-template",
  "scripts": { "test": "npm run build && vitest run" },
  "dependencies": {
    "@multiproc/core": "^0.1.0"
  },
  "devDependencies": {
    "@multiproc/conformance": "^0.1.0",
    "vitest": "^4.1.0"
  }
}
`;

it("sets each range on a released package to ^its new version, and touches nothing else", () => {
  const { root, file } = repoWithTemplate(template);
  const versions = { "@multiproc/core": "0.2.0", "@multiproc/conformance": "0.1.1", vitest: "9.9.9" };
  expect(syncTemplateRanges(root, versions, ["templates/adapter"])).toEqual([file]);
  expect(readFileSync(file, "utf8")).toBe(
    template
      .replace('"@multiproc/core": "^0.1.0"', '"@multiproc/core": "^0.2.0"')
      .replace('"@multiproc/conformance": "^0.1.0"', '"@multiproc/conformance": "^0.1.1"')
      .replace('"vitest": "^4.1.0"', '"vitest": "^9.9.9"'),
  );
  // The package's own name, though it is not a dependency, stays as it was.
  expect(JSON.parse(readFileSync(file, "utf8")).name).toBe("@multiproc/core-adapter-template");
});

it("changes no file whose ranges are already the released ones, nor a template that is not there", () => {
  const { root } = repoWithTemplate(template);
  const versions = { "@multiproc/core": "0.1.0", "@multiproc/conformance": "0.1.0" };
  expect(syncTemplateRanges(root, versions, ["templates/adapter", "templates/missing"])).toEqual([]);
});

it("the repository's own template names our packages with ranges the sync keeps to", () => {
  const root = new URL("../../../", import.meta.url).pathname;
  const manifest = JSON.parse(readFileSync(join(root, "templates/adapter/package.json"), "utf8"));
  expect(manifest.dependencies["@multiproc/core"]).toMatch(/^\^\d+\.\d+\.\d+$/);
  expect(manifest.devDependencies["@multiproc/conformance"]).toMatch(/^\^\d+\.\d+\.\d+$/);
});
