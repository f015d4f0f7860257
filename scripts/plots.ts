// npm run docs:plots — renders docs/performance/<bench>.json (written by the benchmarks) as SVG charts.
import { writePlots } from "./lib/plots.ts";

writePlots()
  .then((files) => console.log(`Wrote ${files.length} charts in docs/performance: ${files.join(", ")}`))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
