// The supabase-js examples in docs/*.md are code: every ```ts block is typechecked as its own module
// against types/database.types.ts, with only this prelude in scope (a signed-in client of our types).
// A renamed column, RPC argument or enum value in a migration then breaks the build where the docs show it.
import { readdirSync, readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import ts from "typescript";
import { repoRoot } from "./process.ts";

export const docExamplePrelude = [
  'import type { SupabaseClient } from "@supabase/supabase-js";',
  'import type { Database } from "../types/database.types";',
  "declare const supabase: SupabaseClient<Database>;",
];

export interface DocExample {
  /** docs/<file>.md */
  doc: string;
  /** 1-based line of the block's first code line in the doc. */
  line: number;
  code: string;
  /** The virtual module it is checked as, beside the doc (so ../types resolves). */
  fileName: string;
}

/** Every ```ts (or ```typescript) block of every docs/*.md, in order. */
export function docExamples(docsDir = resolve(repoRoot, "docs")): DocExample[] {
  const examples: DocExample[] = [];
  for (const name of readdirSync(docsDir).filter((file) => file.endsWith(".md")).sort()) {
    const lines = readFileSync(resolve(docsDir, name), "utf8").split("\n");
    for (let i = 0; i < lines.length; i++) {
      const open = lines[i].match(/^(\s*)```(ts|typescript)\s*$/);
      if (!open) continue;
      const start = i + 1;
      let end = start;
      while (end < lines.length && !/^\s*```\s*$/.test(lines[end])) end++;
      // An indented block (inside a list item) is dedented by its fence's indentation.
      const code = lines.slice(start, end).map((line) => line.slice(Math.min(open[1].length, line.search(/\S|$/)))).join("\n");
      examples.push({ doc: `docs/${name}`, line: start + 1, code, fileName: resolve(docsDir, `${name}.${start + 1}.example.ts`) });
      i = end;
    }
  }
  return examples;
}

export const docExampleCompilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  moduleDetection: ts.ModuleDetectionKind.Force,
  // A browser frontend: the DOM, no Node types.
  lib: ["lib.es2023.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
  types: [],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  allowImportingTsExtensions: true,
};

export interface DocExampleReport {
  examples: DocExample[];
  /** `docs/api.md:237:12 error TS2345: ...`, one per diagnostic, empty when everything compiles. */
  errors: string[];
}

/**
 * Typechecks every example. `databaseTypes` replaces the content of types/database.types.ts (npm test
 * passes what the migrations it just applied generate, so the examples are checked against the schema).
 */
export function checkDocExamples(options: { databaseTypes?: string; docsDir?: string } = {}): DocExampleReport {
  const examples = docExamples(options.docsDir);
  const virtual = new Map(examples.map((example) => [example.fileName, `${docExamplePrelude.join("\n")}\n${example.code}\n`]));
  const typesFile = resolve(repoRoot, "types/database.types.ts");
  if (options.databaseTypes !== undefined) virtual.set(typesFile, options.databaseTypes);

  const host = ts.createCompilerHost(docExampleCompilerOptions, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (fileName) => virtual.has(resolve(fileName)) || fileExists.call(host, fileName);
  host.readFile = (fileName) => virtual.get(resolve(fileName)) ?? readFile.call(host, fileName);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = virtual.get(resolve(fileName));
    return text !== undefined
      ? ts.createSourceFile(fileName, text, languageVersion, true)
      : getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate);
  };

  const program = ts.createProgram({ rootNames: examples.map((example) => example.fileName), options: docExampleCompilerOptions, host });
  const byFile = new Map(examples.map((example) => [example.fileName, example]));
  const errors = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    const file = diagnostic.file;
    if (!file || diagnostic.start === undefined) return `error TS${diagnostic.code}: ${message}`;
    const { line, character } = file.getLineAndCharacterOfPosition(diagnostic.start);
    const example = byFile.get(resolve(file.fileName));
    // Line numbers point into the doc: the prelude's lines are not the reader's.
    const where = example && line >= docExamplePrelude.length
      ? `${example.doc}:${example.line + line - docExamplePrelude.length}:${character + 1}`
      : `${relative(repoRoot, file.fileName)}:${line + 1}:${character + 1}`;
    return `${where} error TS${diagnostic.code}: ${message}`;
  });
  // postgrest-js does not fail to compile on an unknown column in a select string or an embed
  // without a relationship: the rows' type becomes a SelectQueryError. That is a broken example too.
  const checker = program.getTypeChecker();
  for (const example of examples) {
    const source = program.getSourceFile(example.fileName);
    if (!source) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === "select") {
        const type = checker.typeToString(checker.getTypeAtLocation(node), undefined, ts.TypeFormatFlags.NoTruncation);
        const problem = type.match(/(?:SelectQueryError|ParserError)<"([^"]*)">/);
        if (problem) {
          const { line, character } = source.getLineAndCharacterOfPosition(node.expression.name.getStart(source));
          errors.push(`${example.doc}:${example.line + line - docExamplePrelude.length}:${character + 1} error: select: ${problem[1]}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { examples, errors };
}

/** Throws with every error; returns a one-line summary when every example compiles. */
export function assertDocExamplesCompile(options: { databaseTypes?: string } = {}): string {
  const { examples, errors } = checkDocExamples(options);
  const docs = new Set(examples.map((example) => example.doc));
  if (errors.length) throw new Error(`${errors.join("\n")}\n${errors.length} error(s) in the ts examples of docs/*.md`);
  return `${examples.length} ts examples in ${docs.size} docs compile against types/database.types.ts`;
}
