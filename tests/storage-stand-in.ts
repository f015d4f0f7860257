// A local stand-in for the Storage API (there is no Storage server locally): uploads as the service
// role (`POST /storage/v1/object/<bucket>/<path>`, upsert) write the storage.objects row the real API
// writes (owner empty: the service role has no user) and keep the bytes in memory; removals delete
// rows as the API does; an authenticated download (`GET /storage/v1/object/authenticated/<bucket>/<path>`)
// reads the row as the caller, so the bucket's RLS decides, as it does on the platform.
import { createServer, type Server } from "node:http";
import { jwtVerify } from "jose";
import { freePort } from "../scripts/lib/cluster.ts";
import { jwtSecret } from "../scripts/lib/keys.ts";
import { asCaller, type Sql } from "../supabase/functions/_shared/db.ts";

export class StorageStandIn {
  private server?: Server;
  private failures = 0;
  private failAfter = 0;
  readonly files = new Map<string, Buffer>();
  uploads = 0;
  url = "";

  constructor(private readonly sql: Sql) {}

  /** The next `times` uploads answer 500, after `after` that succeed. */
  failNext(times = 1, after = 0): void {
    this.failures = times;
    this.failAfter = after;
  }

  private async claims(header: string | undefined): Promise<Record<string, unknown> | undefined> {
    const token = header?.match(/^Bearer (.+)$/)?.[1];
    if (!token) return undefined;
    try {
      return (await jwtVerify(token, new TextEncoder().encode(jwtSecret))).payload as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }

  async start(): Promise<this> {
    const port = await freePort(55950);
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", async () => {
        const answer = (status: number, body: unknown) => {
          response.writeHead(status, { "content-type": "application/json" });
          response.end(JSON.stringify(body));
        };
        try {
          const body = Buffer.concat(chunks);
          const claims = await this.claims(request.headers.authorization);
          if (!claims) return answer(400, { statusCode: "403", error: "Unauthorized", message: "invalid JWT" });
          const url = new URL(request.url ?? "/", "http://stand-in");
          const download = url.pathname.match(/^\/storage\/v1\/object\/authenticated\/([^/]+)\/(.+)$/);
          const object = url.pathname.match(/^\/storage\/v1\/object\/([^/]+)(?:\/(.+))?$/);
          if (request.method === "GET" && download) {
            const [bucket, name] = [download[1], decodeURIComponent(download[2])];
            const rows = await asCaller(this.sql, claims as never, (tx) => tx`select 1 from storage.objects where bucket_id = ${bucket} and name = ${name}`);
            const bytes = this.files.get(`${bucket}/${name}`);
            if (rows.length === 0 || !bytes) return answer(400, { statusCode: "404", error: "not_found", message: "Object not found" });
            response.writeHead(200, { "content-type": "application/octet-stream" });
            return response.end(bytes);
          }
          if (claims.role !== "service_role") return answer(400, { statusCode: "403", error: "Unauthorized", message: "the stand-in takes writes from the service role only" });
          if (request.method === "POST" && object?.[2]) {
            this.uploads++;
            if (this.failures > 0 && this.failAfter-- <= 0) {
              this.failures--;
              return answer(500, { statusCode: "500", error: "internal", message: "the stand-in was told to fail" });
            }
            const [bucket, name] = [object[1], object[2].split("/").map(decodeURIComponent).join("/")];
            const mimetype = String(request.headers["content-type"] ?? "application/octet-stream");
            const metadata = { size: body.length, mimetype, cacheControl: String(request.headers["cache-control"] ?? "no-cache") };
            const [row] = await this.sql<{ id: string }[]>`
              insert into storage.objects (bucket_id, name, metadata) values (${bucket}, ${name}, ${this.sql.json(metadata)})
              on conflict (bucket_id, name) do update set metadata = excluded.metadata, updated_at = now() returning id`;
            this.files.set(`${bucket}/${name}`, body);
            return answer(200, { Id: row.id, Key: `${bucket}/${name}` });
          }
          if (request.method === "DELETE" && object && !object[2]) {
            const bucket = object[1];
            const { prefixes } = JSON.parse(body.toString("utf8")) as { prefixes: string[] };
            const removed = await this.sql.begin(async (tx) => {
              await tx`set local storage.allow_delete_query = 'true'`;
              return tx`delete from storage.objects where bucket_id = ${bucket} and name = any (${prefixes}) returning name`;
            });
            for (const { name } of removed) this.files.delete(`${bucket}/${name}`);
            return answer(200, removed.map(({ name }) => ({ name, bucket_id: bucket })));
          }
          answer(400, { statusCode: "404", error: "not_found", message: "no such route in the stand-in" });
        } catch (error) {
          answer(500, { statusCode: "500", error: "internal", message: String(error) });
        }
      });
    });
    this.server.keepAliveTimeout = 1;
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${port}/storage/v1`;
    return this;
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
