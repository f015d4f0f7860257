// npm run bench:gigs — gigs.discover_gigs as `authenticated` at 25 and 100 km, on 100,000 and then
// 1,000,000 gigs (40% published) clustered around 200 cities on a grid over Europe (about 200 km
// apart, 5,000 gigs each). The searches are around the same 20 cities both times, so the circles hold
// as many gigs at both sizes: what grows is only the table. Prints p50/p95/p99 (ms, client side, one
// connection), the pages one call reads, the plan of the circle's collect (the partial GiST index on
// published gigs, discover_gigs's second way) and a sequential scan for comparison.
import postgres from "postgres";
import { percentile, psql, withBenchCluster } from "./cluster.ts";
import { saveBenchResult, type BenchPoint } from "./results.ts";

const queries = Number(process.env.BENCH_QUERIES ?? 300);
const perCity = 5000;

// The city grid: 15 rows of latitude (36..61.2°N) by 14 columns of longitude (-10..31.6°E), the first 200.
const cities = Array.from({ length: 210 }, (_, i) => ({ lat: 36 + Math.floor(i / 14) * 1.8, lng: -10 + (i % 14) * 3.2 })).slice(0, 200);
// The cities searched: one in ten, loaded first.
const searched = cities.filter((_, i) => i % 10 === 0);
const others = cities.filter((_, i) => i % 10 !== 0);

/** Loads 5,000 gigs around each city: normal offsets of about 15 km (a random draw per gig), 40% published, starting within 60 days. */
function loadSql(list: { lat: number; lng: number }[]): string {
  const values = list.map((c, i) => `(${i}, ${c.lat}, ${c.lng})`).join(", ");
  return `
    insert into gigs.gigs (owner_user_id, title, description, comp_type, location_text, location_lat, location_lng, location_radius_km,
                           start_time, end_time, application_deadline, status, published_at, boost_level, looking_for_types, created_at)
    select o.id, 'Gig ' || g, 'A benchmark gig.', (array['tfp', 'expenses', 'tfp'])[1 + g % 3], 'City ' || c.n,
           least(89, c.lat + sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) * 0.135),
           c.lng + sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) * 0.21, 50 + (g % 4) * 25,
           now() + interval '2 days' + (g % 60) * interval '1 day', now() + interval '2 days 3 hours' + (g % 60) * interval '1 day',
           now() + interval '1 day', case when g % 5 < 2 then 'published' else 'draft' end, case when g % 5 < 2 then now() end,
           case when g % 50 = 0 then 1 else 0 end, array[(array['model', 'mua', 'stylist', 'photographer'])[1 + g % 4]],
           now() - (g % 100000) * interval '1 second'
      from (values ${values}) c(n, lat, lng)
      cross join generate_series(1, ${perCity}) g
      join bench.owners o on o.n = 1 + (g + c.n * 7) % 1000;`;
}

async function measure(sql: postgres.Sql, radiusKm: number): Promise<{ min: number; p50: number; p95: number; p99: number; rows: number }> {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < queries; i++) {
    const city = searched[i % searched.length];
    const lat = city.lat + (Math.random() - 0.5) * 0.1;
    const lng = city.lng + (Math.random() - 0.5) * 0.15;
    const started = performance.now();
    await sql.begin(async (tx) => {
      await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${JSON.stringify({ sub: viewer, role: "authenticated" })}, true)`;
      const found = await tx`select id from gigs.discover_gigs(${lat}, ${lng}, ${radiusKm}, null, null, 20)`;
      rows += found.length;
    });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { min: times[0], p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), rows: rows / queries };
}

// The circle collected from the GiST index, as discover_gigs does when its walk in page order runs
// out, with constants: its plan, and the same without the index, for comparison.
const plainQuery = (lat: number, lng: number, km: number) => `
  select g.id from gigs.gigs g
   where g.status = 'published'
     and extensions.st_dwithin(g.location, extensions.st_setsrid(extensions.st_makepoint(${lng}, ${lat}), 4326)::extensions.geography, ${km * 1000}, false)
     and (g.location_radius_km >= ${km} or extensions.st_dwithin(g.location, extensions.st_setsrid(extensions.st_makepoint(${lng}, ${lat}), 4326)::extensions.geography, g.location_radius_km * 1000.0, false))
     and g.start_time > now()
   order by g.boost_level desc, g.created_at desc, g.id desc limit 20`;

let viewer = "";

await withBenchCluster(async (cluster) => {
  const sql = postgres(cluster.url, { max: 1, onnotice: () => {} });
  const results: string[] = [];
  const points: BenchPoint[] = [];
  try {
    psql(cluster.url, `insert into auth.users (id, aud, role, email, created_at, updated_at)
                         select gen_random_uuid(), 'authenticated', 'authenticated', 'gigs-bench-' || i || '@example.com', now(), now()
                           from generate_series(1, 1001) i`);
    psql(cluster.url, `create schema bench;
                       create table bench.owners as select row_number() over (order by id)::int as n, id from public.profiles;`);
    viewer = (await sql<{ id: string }[]>`select id from bench.owners where n = 1001`)[0].id;

    for (const [label, list] of [["100,000", searched], ["1,000,000", others]] as const) {
      const started = performance.now();
      // Bulk load without the per-row triggers (updated_at); the indexes of discovery are built after.
      psql(cluster.adminUrl, `drop index if exists gigs.gigs_published_location_idx; drop index if exists gigs.gigs_published_order_idx;
                              set session_replication_role = replica; ${loadSql(list)} set session_replication_role = origin;
                              create index gigs_published_location_idx on gigs.gigs using gist (location) where status = 'published';
                              create index gigs_published_order_idx on gigs.gigs (boost_level desc, created_at desc, id desc) include (location_lat, location_lng, location_radius_km, location) where status = 'published';`);
      psql(cluster.adminUrl, "vacuum analyze gigs.gigs");
      const [{ n, published }] = await sql<{ n: number; published: number }[]>`
        select count(*)::int as n, count(*) filter (where status = 'published')::int as published from gigs.gigs`;
      console.log(`${label}: ${n} gigs (${published} published) loaded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      for (const km of [25, 100]) {
        await measure(sql, km); // warm the cache
        const r = await measure(sql, km);
        // Pages the query reads for one search (shared buffers hit or read): it follows the circle, not the table.
        const city = searched[5];
        // (discover_gigs itself: its statements' buffers count in its Function Scan, whichever way it took.)
        const plan = await sql.unsafe(`explain (analyze, buffers, format json) select id from gigs.discover_gigs(${city.lat}, ${city.lng}, ${km}, null, null, 20)`);
        const top = (plan[0]["QUERY PLAN"] as { Plan: { "Shared Hit Blocks": number; "Shared Read Blocks": number } }[])[0].Plan;
        const pages = top["Shared Hit Blocks"] + top["Shared Read Blocks"];
        points.push({ series: `${km} km`, x: n, y: Number(r.p95.toFixed(2)) });
        results.push(`| ${label} | ${km} km | ${r.min.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.rows.toFixed(0)} | ${pages} |`);
        console.log(results.at(-1));
      }
    }

    const city = searched[3];
    const plan = await sql.unsafe(`explain (analyze, buffers) ${plainQuery(city.lat, city.lng, 100)}`);
    const planText = plan.map((row) => row["QUERY PLAN"]).join("\n");
    const seq = await sql.begin(async (tx) => {
      await tx`set local enable_indexscan = off`;
      await tx`set local enable_bitmapscan = off`;
      const rows = await tx.unsafe(`explain (analyze) ${plainQuery(city.lat, city.lng, 100)}`);
      return rows.map((row) => row["QUERY PLAN"]).join("\n");
    });
    const [{ inside25, inside100 }] = await sql<{ inside25: number; inside100: number }[]>`
      select count(*) filter (where extensions.st_dwithin(location, extensions.st_setsrid(extensions.st_makepoint(${city.lng}, ${city.lat}), 4326)::extensions.geography, 25000))::int as inside25,
             count(*) filter (where extensions.st_dwithin(location, extensions.st_setsrid(extensions.st_makepoint(${city.lng}, ${city.lat}), 4326)::extensions.geography, 100000))::int as inside100
        from gigs.gigs where status = 'published'`;

    console.log(`\ndiscover_gigs as authenticated, ${queries} searches per row around 20 cities, 20 results a page (ms, client side)\n`);
    console.log("| gigs in the table | search radius | min | p50 | p95 | p99 | rows a page | pages read by one search |");
    console.log("|---|---|---:|---:|---:|---:|---:|---:|");
    for (const line of results) console.log(line);
    console.log(`\nPublished gigs inside the circle around one searched city: ${inside25} within 25 km, ${inside100} within 100 km.`);
    console.log(`\nPlan at 1,000,000 (100 km):\n${planText}`);
    console.log(`\nThe same without the index (sequential scan): ${seq.split("\n").find((l) => l.startsWith("Execution Time"))}`);
    const file = saveBenchResult("gigs", `discover_gigs p95 against the number of gigs, ${queries} searches a point (ms)`, {
      mark: "line", x: "gigs in the table", y: "p95 ms", xLog: true, points,
    });
    console.log(`Figures: ${file}`);
  } finally {
    await sql.end();
  }
});
