// SVG charts of the benchmarks' JSON (bench/results.ts), rendered by Vega-Lite without a browser.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { BenchResult } from "../../bench/results.ts";
import { resultsDir } from "../../bench/results.ts";

function spec(result: BenchResult): TopLevelSpec {
  const { chart } = result;
  const numericX = chart.points.every((p) => typeof p.x === "number");
  const x = chart.mark === "line"
    ? { field: "x", type: numericX ? "quantitative" : "ordinal", title: chart.x,
        scale: chart.xLog ? { type: "log" } : undefined, axis: { values: [...new Set(chart.points.map((p) => p.x))] } }
    : { field: "series", type: "nominal", title: null, sort: null, axis: { labelAngle: -30, labelLimit: 260 } };
  const encoding = chart.mark === "line"
    ? { x, y: { field: "y", type: "quantitative", title: chart.y }, color: { field: "series", type: "nominal", title: null, sort: null } }
    : { x, xOffset: { field: "x", type: "nominal" }, y: { field: "y", type: "quantitative", title: chart.y },
        color: { field: "x", type: "nominal", title: chart.x } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: result.title, subtitle: [`run ${result.date}`, result.machine], anchor: "start", subtitleFontSize: 10 },
    width: 560,
    height: 300,
    background: "white",
    data: { values: chart.points },
    mark: chart.mark === "line" ? { type: "line", point: true } : { type: "bar" },
    encoding,
    config: { legend: { orient: "bottom", columns: 2, labelLimit: 420 } },
  } as TopLevelSpec;
}

export async function renderPlot(result: BenchResult): Promise<string> {
  const view = new View(parse(compile(spec(result)).spec), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  return svg.endsWith("\n") ? svg : `${svg}\n`;
}

/** Every benchmark result in docs/performance, by name. */
export function benchResults(): Map<string, BenchResult> {
  const results = new Map<string, BenchResult>();
  for (const file of readdirSync(resultsDir).filter((f) => f.endsWith(".json")).sort()) {
    results.set(file.replace(/\.json$/, ""), JSON.parse(readFileSync(resolve(resultsDir, file), "utf8")) as BenchResult);
  }
  return results;
}

export async function writePlots(): Promise<string[]> {
  const written: string[] = [];
  for (const [name, result] of benchResults()) {
    writeFileSync(resolve(resultsDir, `${name}.svg`), await renderPlot(result));
    written.push(`${name}.svg`);
  }
  return written;
}
