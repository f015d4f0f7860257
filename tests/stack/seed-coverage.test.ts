import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { repoRoot } from "../../scripts/lib/process.ts";

const seedsDir = resolve(repoRoot, "../shared/seeds");

/** The tables a seed names: SQL `CREATE TABLE`s, tree listings (`├── name  # …`) and `### 2.1 name` headings. */
function seedTables(text: string): Set<string> {
  const patterns = [
    /create table (?:if not exists )?(?:public\.)?"?([a-z_]+)"?/gi,
    // Box-drawing characters before the name; some seeds carry them double-encoded.
    /^[^\w\n#]*[├└â][^\w\n#]*\s([a-z_]+)\s+#/gm,
    /^### \d+\.\d+ ([a-z_]+)/gm,
  ];
  return new Set(patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[1].toLowerCase())));
}

// The seeds live beside the repository (shared/); a clone without them has nothing to compare.
const seedFiles = existsSync(seedsDir) ? readdirSync(seedsDir).filter((name) => name.endsWith(".txt")) : [];

describe.skipIf(seedFiles.length === 0)("docs/seed-coverage.md", () => {
  const coverage = readFileSync(resolve(repoRoot, "docs/seed-coverage.md"), "utf8");
  const rows = new Set([...coverage.matchAll(/^\| (\S+\.txt) \| ([^|]+?) \|/gm)].map((m) => `${m[1]} ${m[2]}`));

  for (const file of seedFiles) {
    test(`every table of ${file} has a row`, () => {
      const tables = [...seedTables(readFileSync(resolve(seedsDir, file), "utf8"))];
      expect(tables.length).toBeGreaterThan(0);
      expect(tables.filter((table) => !rows.has(`${file} ${table}`))).toEqual([]);
    });
  }
});
