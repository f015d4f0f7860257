// The pictures of the system stay true: every benchmark's figures have their chart, rendered from
// them (run date and machine note included) and linked from docs/performance.md; every schema
// diagram is linked. (The diagrams' staleness against the migrations is a gate of `npm test`.)
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { resultsDir } from "../../bench/results.ts";
import { diagramsDir } from "../../scripts/lib/diagrams.ts";
import { benchResults, renderPlot } from "../../scripts/lib/plots.ts";
import { repoRoot } from "../../scripts/lib/process.ts";

const docs = (file: string) => readFileSync(resolve(repoRoot, "docs", file), "utf8");
const escaped = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

describe("benchmark plots (npm run docs:plots)", () => {
  const results = benchResults();

  test("there are some", () => {
    expect(results.size).toBeGreaterThan(0);
  });

  for (const [name, result] of results) {
    test(`${name}.svg is rendered from ${name}.json and shows the run's date and machine`, async () => {
      const file = resolve(resultsDir, `${name}.svg`);
      expect(existsSync(file), `docs/performance/${name}.svg is missing: run npm run docs:plots`).toBe(true);
      const committed = readFileSync(file, "utf8");
      expect(committed, `docs/performance/${name}.svg is stale: run npm run docs:plots`).toBe(await renderPlot(result));
      expect(committed).toContain(`run ${result.date}`);
      expect(committed).toContain(escaped(result.machine));
    });

    test(`docs/performance.md links ${name}.svg`, () => {
      expect(docs("performance.md")).toContain(`(performance/${name}.svg)`);
    });
  }

  test("no chart without its figures", () => {
    const charts = readdirSync(resultsDir).filter((f) => f.endsWith(".svg")).map((f) => f.replace(/\.svg$/, ""));
    expect(charts.filter((name) => !results.has(name))).toEqual([]);
  });
});

describe("schema diagrams (npm run docs:diagrams)", () => {
  const files = readdirSync(diagramsDir).filter((f) => f.endsWith(".md"));

  test("the overview links every schema's diagram", () => {
    const overview = readFileSync(resolve(diagramsDir, "README.md"), "utf8");
    expect(files.filter((f) => f !== "README.md" && !overview.includes(`(${f})`))).toEqual([]);
  });

  test("the README and the architecture doc link the overview", () => {
    expect(readFileSync(resolve(repoRoot, "README.md"), "utf8")).toContain("(docs/schema/README.md)");
    expect(docs("architecture.md")).toContain("(schema/README.md)");
  });
});
