/**
 * The titles of the tests in a file, read with the TypeScript compiler's parser rather than a regex over
 * the text, so that a rule ID in a comment, a fixture or an assertion message is not taken for a test
 * name. A title is the first argument of a call to `describe`, `it`, `test` or `suite`, also through
 * modifiers and tables (`it.skip`, `describe.concurrent`, `it.each(cases)(…)`, `test.skipIf(x)(…)`).
 * Only the literal text of a title counts: a string, a template's fixed parts, or a `+` of those; the
 * parts a table fills in at run time (`$name`, `%s`, `${…}`) are not static and are left out.
 *
 * `typescript` is a development dependency of the workspace already (tsc, typescript-eslint).
 */
import ts from "typescript";

const TEST_FUNCTIONS = new Set(["describe", "it", "test", "suite"]);

/** The test function a callee starts from (`it` for `it.skip.each(x)`), or undefined. */
function testFunctionOf(callee: ts.Expression): string | undefined {
  if (ts.isIdentifier(callee)) return TEST_FUNCTIONS.has(callee.text) ? callee.text : undefined;
  if (ts.isPropertyAccessExpression(callee)) return testFunctionOf(callee.expression);
  if (ts.isCallExpression(callee)) return testFunctionOf(callee.expression);
  return undefined;
}

/** True when the call is a modifier that takes no title (`it.each(cases)`, `test.skipIf(cond)`). */
function isTableOrCondition(call: ts.CallExpression): boolean {
  return (
    ts.isPropertyAccessExpression(call.expression) &&
    ["each", "for", "skipIf", "runIf"].includes(call.expression.name.text)
  );
}

/** The literal text of a title argument; undefined when nothing of it is static. */
function literalText(node: ts.Expression): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(" ");
  }
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const parts = [literalText(node.left), literalText(node.right)].filter((part) => part !== undefined);
    return parts.length > 0 ? parts.join(" ") : undefined;
  }
  return undefined;
}

/** Every test and suite title in `source` (the text of a `*.test.ts` file), in source order. */
export function testTitles(source: string, fileName = "file.test.ts"): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const titles: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && !isTableOrCondition(node) && testFunctionOf(node.expression)) {
      const first = node.arguments[0];
      const title = first === undefined ? undefined : literalText(first);
      if (title !== undefined) titles.push(title);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return titles;
}
