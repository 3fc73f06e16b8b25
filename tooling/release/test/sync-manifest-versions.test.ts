// jsr.json follows package.json's version after `changeset version`, on real files.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { syncJsrVersions } from "../src/sync-manifest-versions.ts";
import { checkJsrVersions } from "../src/verify.ts";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function packageDir(npmVersion: string, jsrText?: string) {
  const dir = mkdtempSync(join(tmpdir(), "multiproc-jsr-sync-"));
  made.push(dir);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "@multiproc/x", version: npmVersion }));
  if (jsrText !== undefined) writeFileSync(join(dir, "jsr.json"), jsrText);
  return { name: "@multiproc/x", dir };
}

describe("syncJsrVersions", () => {
  it("sets jsr.json's version to package.json's and keeps the file's formatting", () => {
    const jsr =
      '{\n  "name": "@multiproc/x",\n  "version": "0.0.0",\n  "exports": { ".": "./src/index.ts" }\n}\n';
    const pkg = packageDir("0.3.0", jsr);
    expect(checkJsrVersions([pkg])).toEqual(["@multiproc/x: jsr.json has version 0.0.0, package.json 0.3.0"]);
    expect(syncJsrVersions([pkg])).toEqual([join(pkg.dir, "jsr.json")]);
    expect(readFileSync(join(pkg.dir, "jsr.json"), "utf8")).toBe(jsr.replace("0.0.0", "0.3.0"));
    expect(checkJsrVersions([pkg])).toEqual([]);
  });

  it("leaves a package without jsr.json, or already in step, alone", () => {
    expect(syncJsrVersions([packageDir("1.0.0")])).toEqual([]);
    expect(syncJsrVersions([packageDir("1.0.0", '{"name":"@multiproc/x","version":"1.0.0"}')])).toEqual([]);
  });

  it("refuses a jsr.json without a top-level version rather than writing a nested one", () => {
    const pkg = packageDir("1.0.0", '{"name":"@multiproc/x","publish":{"version":"9"}}');
    expect(() => syncJsrVersions([pkg])).toThrow(/no top-level "version"/);
  });
});
