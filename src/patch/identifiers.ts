import { ts } from './typescript.cjs';

/**
 * Names the code refers to (values and types), leaving out names that are only
 * declared or only property keys: `{ status: 201 }` does not use an import
 * called `status`, `{ error }` does. No scope analysis: a shadowed use still
 * counts, which at worst keeps an import that a nested declaration hides.
 */
export function referencedNames(sourceFile: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      out.add(node.text);
      return;
    }
    if (ts.isExportDeclaration(node)) {
      if (!node.moduleSpecifier && node.exportClause && ts.isNamedExports(node.exportClause)) {
        for (const el of node.exportClause.elements) {
          const local = el.propertyName ?? el.name;
          if (ts.isIdentifier(local)) out.add(local.text);
        }
      }
      return;
    }
    const skipped = nonReferenceChildren(node);
    ts.forEachChild(node, (child) => {
      if (!skipped.includes(child)) visit(child);
    });
  };
  visit(sourceFile);
  return out;
}

function nonReferenceChildren(node: ts.Node): ts.Node[] {
  if (ts.isShorthandPropertyAssignment(node)) return [];
  const out: ts.Node[] = [];
  // Declarations, property keys, member accesses, JSX attribute names, `import.meta`:
  // wherever a node's `name` is an identifier, it is not a use of a binding.
  const named = node as { name?: ts.Node };
  if (named.name && (ts.isIdentifier(named.name) || ts.isPrivateIdentifier(named.name))) out.push(named.name);
  if (ts.isBindingElement(node) || ts.isImportSpecifier(node)) {
    if (node.propertyName) out.push(node.propertyName);
  }
  if (ts.isQualifiedName(node)) out.push(node.right);
  if (ts.isImportTypeNode(node) && node.qualifier) out.push(node.qualifier);
  if (ts.isLabeledStatement(node) || ts.isBreakOrContinueStatement(node)) {
    if (node.label) out.push(node.label);
  }
  if (ts.isJsxOpeningLikeElement(node) || ts.isJsxClosingElement(node)) {
    // Lower-case tags are intrinsic elements, not bindings.
    if (ts.isIdentifier(node.tagName) && /^[a-z]/.test(node.tagName.text)) out.push(node.tagName);
  }
  return out;
}
