// How the adapter is chosen and what a missing one gives: the runtime asked by its globals, and an
// AdapterNotFoundError (not the runtime's bare "cannot find package") naming what to install.
import { MultiprocError } from "@multiproc/core";
import { describe, expect, it } from "vitest";
import { detectRuntime } from "../src/detect-runtime.ts";
import { AdapterNotFoundError } from "../src/errors.ts";
import { isMissingPackage, loadAdapter } from "../src/load-adapter.ts";

describe("detectRuntime", () => {
  const node = { process: { versions: { node: "20.19.0" } } };
  it("tells Deno and Bun apart from Node, though both define process.versions.node", () => {
    expect(detectRuntime({ ...node, Deno: { version: { deno: "2.9.6" } } })).toBe("deno");
    expect(detectRuntime({ ...node, Bun: { version: "1.4.5" } })).toBe("bun");
    expect(detectRuntime(node)).toBe("node");
  });

  it("finds none of them in a global scope without their marks (a browser)", () => {
    expect(detectRuntime({ navigator: {} })).toBeUndefined();
    expect(detectRuntime({ Deno: {}, Bun: {}, process: {} })).toBeUndefined();
  });
});

// A real import of a package that is not installed, made on the runtime running the test, so its
// error is that runtime's own.
const notInstalled = "@multiproc/not-installed-anywhere";
const importNotInstalled = () => import(notInstalled);

describe("isMissingPackage", () => {
  it("recognises this runtime's error for a package that is not installed", async () => {
    const error = await importNotInstalled().catch((e: unknown) => e);
    expect(isMissingPackage(error, notInstalled)).toBe(true);
    expect(isMissingPackage(error, "@multiproc/not")).toBe(false);
  });

  it("leaves other errors alone: another package missing, a file missing inside the package, a throw", () => {
    const missing = (message: string) => Object.assign(new Error(message), { code: "ERR_MODULE_NOT_FOUND" });
    expect(
      isMissingPackage(missing("Cannot find package '@multiproc/core' imported from x"), "@multiproc/bun"),
    ).toBe(false);
    expect(
      isMissingPackage(
        missing("Cannot find module '/app/node_modules/@multiproc/bun/dist/index.js'"),
        "@multiproc/bun",
      ),
    ).toBe(false);
    expect(isMissingPackage(new Error("Cannot find package '@multiproc/bun'"), "@multiproc/bun")).toBe(false);
    expect(isMissingPackage("@multiproc/bun", "@multiproc/bun")).toBe(false);
  });
});

describe("loadAdapter", () => {
  const imports = (load: () => Promise<unknown>) => {
    const entry = { name: "@multiproc/bun" as const, load };
    return {
      node: { ...entry, name: "@multiproc/node" as const },
      deno: { ...entry, name: "@multiproc/deno" as const },
      bun: entry,
    };
  };

  it("turns the adapter's absence into an AdapterNotFoundError that says what to install", async () => {
    const bareError = Object.assign(new Error("Cannot find package '@multiproc/bun' imported from x"), {
      code: "ERR_MODULE_NOT_FOUND",
    });
    const error = await loadAdapter(
      "bun",
      imports(() => Promise.reject(bareError)),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterNotFoundError);
    expect(error).toBeInstanceOf(MultiprocError);
    expect(error).toMatchObject({
      name: "AdapterNotFoundError",
      runtime: "bun",
      adapter: "@multiproc/bun",
      cause: bareError,
    });
    expect((error as Error).message).toContain("bun add @multiproc/bun");
  });

  it("passes any other failure of the adapter's import on as it is", async () => {
    const thrown = new SyntaxError("the adapter failed at import");
    await expect(
      loadAdapter(
        "bun",
        imports(() => Promise.reject(thrown)),
      ),
    ).rejects.toBe(thrown);
  });

  it("refuses a runtime that is none of the three, saying so", async () => {
    const error = await loadAdapter(undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterNotFoundError);
    expect(error).toMatchObject({ runtime: "unknown", adapter: undefined });
    expect((error as Error).message).toContain("none of them");
  });
});
