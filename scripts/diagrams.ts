// npm run docs:diagrams — regenerates docs/schema/*.md (Mermaid ER diagrams) from the local database.
import { writeDiagrams } from "./lib/diagrams.ts";
import { startDevDatabase } from "./lib/devdb.ts";

startDevDatabase()
  .then(({ url }) => {
    const files = writeDiagrams(url);
    console.log(`Wrote ${files.length} files in docs/schema: ${files.join(", ")}`);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
