// The docs check on a package made wrong in every way it looks for, so that the clean result on
// the real tarballs means they are clean, not that the check sees nothing.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { docsProblems, markdownLinks, repositoryUrl } from "./support/package-docs.ts";

const root = await mkdtemp(join(tmpdir(), "multiproc-docs-check-"));
afterAll(() => rm(root, { recursive: true, force: true }));

const readme = [
  "# @example/leaky", // 1
  "See [examples](../../examples/README.md) and [the docs](../../docs/a.md#part).", // 2
  `[fine](${repositoryUrl}/blob/main/examples/README.md) [gone](${repositoryUrl}/blob/main/examples/gone.md)`, // 3
  "[here](#install) [local](./NOTES.md) [missing](./MISSING.md) [abs](/etc/passwd) [web](https://vitest.dev)", // 4
  "```ts", // 5
  'pool.starmap("add", [[1, 2], [3, 4]]); // [not](../a-link.md)', // 6
  "```", // 7
  'Code: `[x](../inline.md)`; <a href="../html.md">html</a>', // 8
  "[ref]: ../reference.md", // 9
].join("\n");

describe("docsProblems", () => {
  it("reports links that leave the package, missing files and missing package.json fields", async () => {
    const repo = join(root, "repo");
    const pkg = { source: join(repo, "packages", "leaky"), unpacked: join(root, "unpacked") };
    await mkdir(join(repo, "examples"), { recursive: true });
    await writeFile(join(repo, "examples", "README.md"), "");
    await mkdir(pkg.unpacked, { recursive: true });
    await writeFile(join(pkg.unpacked, "NOTES.md"), "");
    await writeFile(join(pkg.unpacked, "README.md"), readme);
    await writeFile(
      join(pkg.unpacked, "package.json"),
      JSON.stringify({
        name: "@example/leaky",
        repository: { type: "git", url: `git+${repositoryUrl}.git` },
      }),
    );
    const leaves = `leaves the package: on npm it resolves to nothing (link to ${repositoryUrl}/blob/main/… instead)`;
    expect(await docsProblems(pkg, repo)).toEqual([
      "package.json repository.directory is undefined, not packages/leaky",
      `package.json homepage undefined is not a page of ${repositoryUrl}`,
      `package.json bugs is undefined, not ${repositoryUrl}/issues`,
      `README.md:2: ../../examples/README.md ${leaves}`,
      `README.md:2: ../../docs/a.md#part ${leaves}`,
      `README.md:3: ${repositoryUrl}/blob/main/examples/gone.md names examples/gone.md, which is not in the repository`,
      "README.md:4: ./MISSING.md names MISSING.md, which is not in the tarball",
      "README.md:4: /etc/passwd is an absolute path: on npm it resolves to nothing",
      `README.md:8: ../html.md ${leaves}`,
      `README.md:9: ../reference.md ${leaves}`,
    ]);
  });

  it("reads no link out of code", () => {
    expect(markdownLinks("`[a](b.md)`\n```\n[c](d.md)\n```\n[e](f.md)")).toEqual([
      { target: "f.md", line: 5 },
    ]);
  });
});
