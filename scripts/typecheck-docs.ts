// npm run typecheck:docs — typechecks every ```ts block of docs/*.md against types/database.types.ts.
import { assertDocExamplesCompile } from "./lib/doc-examples.ts";

try {
  console.log(assertDocExamplesCompile());
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
