// npm run types — regenerates types/database.types.ts from the local database.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { generateTypes } from "./lib/checks.ts";
import { startDevDatabase } from "./lib/devdb.ts";
import { repoRoot } from "./lib/process.ts";

export const typesFile = resolve(repoRoot, "types/database.types.ts");

startDevDatabase()
  .then(({ url }) => {
    writeFileSync(typesFile, generateTypes(url));
    console.log(`Wrote ${typesFile}`);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
