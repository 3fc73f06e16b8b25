// The import scanner behind the reach check, on a file that uses every form it must see, so a
// clean reach check means "nothing found", not "nothing looked at".
import { describe, expect, it } from "vitest";
import { moduleReferences } from "./support/module-references.ts";

const js = `
import { a } from "dep-a";
import "./side-effect.js";
export { b } from "@scope/dep-b/sub";
export * from "./all.js";
// import { commented } from "not-an-import";
const text = 'import { inString } from "nor-this"';
const lazy = () => import("./lazy.js");
const computed = (url) => import(url);
const tsx = createRequire(from).resolve("tsx/package.json");
const viaMeta = import.meta.resolve("dep-c");
const cjs = require("dep-d");
const worker = new URL("./worker.js", import.meta.url);
const elsewhere = new URL("./not-a-module-reference.js", "https://example.com/");
const entry = entryBeside(import.meta.url, "thread-entry");
`;

const dts = `
import type { X } from "./types.js";
export declare const y: import("./options.js").Options;
`;

describe("moduleReferences", () => {
  it("finds every import form in JavaScript, with its line, and nothing in comments or strings", () => {
    expect(moduleReferences("dist/file.js", js)).toEqual([
      { specifier: "dep-a", line: 2 },
      { specifier: "./side-effect.js", line: 3 },
      { specifier: "@scope/dep-b/sub", line: 4 },
      { specifier: "./all.js", line: 5 },
      { specifier: "./lazy.js", line: 8 },
      { specifier: "tsx/package.json", line: 10 },
      { specifier: "dep-c", line: 11 },
      { specifier: "dep-d", line: 12 },
      { specifier: "./worker.js", line: 13 },
      { specifier: "./thread-entry.js", line: 15 },
    ]);
  });

  it("gives an entryBeside() entry the extension of the file asking", () => {
    expect(moduleReferences("dist/file.mjs", js).at(-1)).toEqual({
      specifier: "./thread-entry.mjs",
      line: 15,
    });
  });

  it("finds imports and type-level import() in declaration files", () => {
    expect(moduleReferences("dist/file.d.ts", dts).map((r) => r.specifier)).toEqual([
      "./types.js",
      "./options.js",
    ]);
  });
});
