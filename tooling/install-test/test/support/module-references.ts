// Every module a built file refers to, read from its syntax tree (so comments and strings that
// merely look like imports do not count):
//   import/export … from "x", import("x"), type-level import("x") in .d.ts files,
//   require("x"), require.resolve("x"), createRequire(…).resolve("x"), import.meta.resolve("x"),
//   new URL("./x", import.meta.url), and multiproc's own entryBeside(import.meta.url, "x"),
//   which names a worker entry file beside the calling module, with that module's extension.
import ts from "typescript";

export interface ModuleReference {
  specifier: string;
  /** 1-based line, for messages. */
  line: number;
}

export function moduleReferences(fileName: string, text: string): ModuleReference[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: ModuleReference[] = [];
  const add = (specifier: string, node: ts.Node) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push({ specifier, line: line + 1 });
  };
  const ownExtension = /\.[cm]?js$/.exec(fileName)?.[0] ?? ".js";

  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) add(node.moduleSpecifier.text, node);
    } else if (ts.isImportTypeNode(node)) {
      const argument = node.argument;
      if (ts.isLiteralTypeNode(argument) && ts.isStringLiteral(argument.literal))
        add(argument.literal.text, node);
    } else if (ts.isCallExpression(node)) {
      const first = node.arguments[0];
      if (isModuleLoadingCall(node) && first && ts.isStringLiteralLike(first)) add(first.text, node);
      const name = node.arguments[1];
      if (calleeName(node) === "entryBeside" && first && isImportMetaUrl(first) && name) {
        if (ts.isStringLiteralLike(name)) add(`./${name.text}${ownExtension}`, node);
      }
    } else if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === "URL"
    ) {
      const [target, base] = node.arguments ?? [];
      if (target && base && ts.isStringLiteralLike(target) && isImportMetaUrl(base)) add(target.text, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** import("x"), require("x"), require.resolve("x"), createRequire(…).resolve("x"), import.meta.resolve("x"). */
function isModuleLoadingCall(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return true;
  if (ts.isIdentifier(callee)) return callee.text === "require";
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "resolve") return false;
  const target = callee.expression;
  if (ts.isIdentifier(target)) return target.text === "require";
  if (ts.isMetaProperty(target)) return target.keywordToken === ts.SyntaxKind.ImportKeyword;
  return ts.isCallExpression(target) && calleeName(target) === "createRequire";
}

function calleeName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

function isImportMetaUrl(node: ts.Node): boolean {
  return (
    ts.isPropertyAccessExpression(node) &&
    node.name.text === "url" &&
    ts.isMetaProperty(node.expression) &&
    node.expression.keywordToken === ts.SyntaxKind.ImportKeyword
  );
}
