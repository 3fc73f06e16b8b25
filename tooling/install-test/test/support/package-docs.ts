// What a user reading a package on npm can follow: the README's links work from the tarball (a
// relative link that leaves the package resolves to nothing on npm, so links into the rest of the
// repository are absolute), and package.json says where the repository, homepage and issues are.
// Returns the problems found, one readable line each.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, posix, relative, sep } from "node:path";

/** The repository every package links to; its `main` branch is what absolute links name. */
export const repositoryUrl = "https://github.com/multiproc/multiproc";

interface Manifest {
  name?: string;
  repository?: { type?: string; url?: string; directory?: string } | string;
  homepage?: string;
  bugs?: { url?: string } | string;
}

/**
 * `pkg.unpacked` is the tarball's content, `pkg.source` the package's folder in the workspace at
 * `repoRoot`; absolute links into the repository must name files that exist there.
 */
export async function docsProblems(
  pkg: { source: string; unpacked: string },
  repoRoot: string,
): Promise<string[]> {
  const manifest = JSON.parse(await readFile(join(pkg.unpacked, "package.json"), "utf8")) as Manifest;
  const directory = relative(repoRoot, pkg.source).split(sep).join("/");
  const problems = manifestProblems(manifest, directory);
  const readme = join(pkg.unpacked, "README.md");
  if (!existsSync(readme)) return [...problems, "README.md is not in the tarball"];
  for (const { target, line } of markdownLinks(await readFile(readme, "utf8"))) {
    const problem = linkProblem(target, pkg.unpacked, repoRoot);
    if (problem) problems.push(`README.md:${line}: ${target} ${problem}`);
  }
  return problems;
}

function manifestProblems(manifest: Manifest, directory: string): string[] {
  const problems: string[] = [];
  const repository = typeof manifest.repository === "object" ? manifest.repository : undefined;
  if (repository?.url !== `git+${repositoryUrl}.git` || repository.type !== "git") {
    problems.push(`package.json repository is not { type: "git", url: "git+${repositoryUrl}.git" }`);
  }
  if (repository?.directory !== directory) {
    problems.push(`package.json repository.directory is ${repository?.directory}, not ${directory}`);
  }
  if (!manifest.homepage?.startsWith(`${repositoryUrl}/`)) {
    problems.push(`package.json homepage ${manifest.homepage} is not a page of ${repositoryUrl}`);
  }
  const bugs = typeof manifest.bugs === "object" ? manifest.bugs.url : manifest.bugs;
  if (bugs !== `${repositoryUrl}/issues`) {
    problems.push(`package.json bugs is ${bugs}, not ${repositoryUrl}/issues`);
  }
  return problems;
}

/** Inline links and images, reference definitions and HTML href/src; code is not read. */
export function markdownLinks(text: string): { target: string; line: number }[] {
  const found: { target: string; line: number }[] = [];
  let fenced = false;
  text.split("\n").forEach((raw, index) => {
    if (/^\s*(```|~~~)/.test(raw)) fenced = !fenced;
    if (fenced) return;
    const prose = raw.replace(/`[^`]*`/g, "``");
    const patterns = [/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, /^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/g];
    for (const pattern of [...patterns, /\b(?:href|src)="([^"]+)"/g]) {
      for (const match of prose.matchAll(pattern))
        found.push({ target: match[1] as string, line: index + 1 });
    }
  });
  return found;
}

function linkProblem(target: string, packageDir: string, repoRoot: string): string | null {
  if (target.startsWith("#")) return null;
  const inRepository = new RegExp(`^${repositoryUrl}/(?:blob|tree)/main/([^#?]*)`).exec(target);
  if (inRepository) {
    const path = decodeURIComponent(inRepository[1] as string);
    return existsSync(join(repoRoot, path)) ? null : `names ${path}, which is not in the repository`;
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//")) return null;
  if (target.startsWith("/")) return "is an absolute path: on npm it resolves to nothing";
  const path = posix.normalize(decodeURIComponent(target.replace(/[#?].*$/, "")));
  if (path.startsWith("../")) {
    return `leaves the package: on npm it resolves to nothing (link to ${repositoryUrl}/blob/main/… instead)`;
  }
  return existsSync(join(packageDir, path)) ? null : `names ${path}, which is not in the tarball`;
}
