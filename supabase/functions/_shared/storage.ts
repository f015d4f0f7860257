// Writing Storage objects as the server: the Storage API with the service_role key (it bypasses the
// bucket's policies, so callers choose the path: always under the user's own folder). Objects are
// written with upsert, so a retry of the same path after a failure replaces rather than fails.

export interface ObjectStorage {
  put(bucket: string, path: string, bytes: Uint8Array, contentType: string): Promise<void>;
  remove(bucket: string, paths: string[]): Promise<void>;
}

export class StorageError extends Error {}

/** The Storage API at `storageUrl` (`<SUPABASE_URL>/storage/v1` on the platform). */
export function supabaseStorage(storageUrl: string, serviceRoleKey: string): ObjectStorage {
  const base = storageUrl.replace(/\/$/, "");
  const headers = { authorization: `Bearer ${serviceRoleKey}`, apikey: serviceRoleKey };
  const objectPath = (path: string) => path.split("/").map(encodeURIComponent).join("/");
  return {
    async put(bucket, path, bytes, contentType) {
      const response = await fetch(`${base}/object/${encodeURIComponent(bucket)}/${objectPath(path)}`, {
        method: "POST",
        headers: { ...headers, "content-type": contentType, "x-upsert": "true", "cache-control": "max-age=3600" },
        body: bytes as Uint8Array<ArrayBuffer>,
      });
      if (!response.ok) throw new StorageError(`storage answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      await response.body?.cancel();
    },
    async remove(bucket, paths) {
      if (paths.length === 0) return;
      const response = await fetch(`${base}/object/${encodeURIComponent(bucket)}`, {
        method: "DELETE", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify({ prefixes: paths }),
      });
      if (!response.ok) throw new StorageError(`storage answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      await response.body?.cancel();
    },
  };
}
