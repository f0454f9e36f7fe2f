/**
 * Older files name some fields as the format no longer does; their readers
 * rename them on read, so what is on people's disks still opens. One rule for
 * every such table: a field moves to its new name unless the new name is
 * already there; anything not a plain object is left as it is, for the schema
 * to name.
 */
export function renameKeys(value: unknown, table: ReadonlyArray<readonly [string, string]>): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [from, to] of table) {
    if (Object.hasOwn(out, from) && !Object.hasOwn(out, to)) {
      out[to] = out[from];
      delete out[from];
    }
  }
  return out;
}
