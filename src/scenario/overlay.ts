/**
 * Designs as overlays: a design file changes only what differs from the
 * scenario it extends. Mappings merge key by key; lists of mappings that all
 * carry an `id` merge item by item (new ids are appended, `{ id, remove: true }`
 * deletes one); a mapping whose `kind` differs from the base's replaces it
 * whole (a redundancy policy changing kind keeps none of the old one's
 * fields), and so does an entry of `parameters:` (a design that retags a
 * value keeps nothing of the base's source or prior); anything else replaces. Every merged value remembers which file
 * and path wrote it, so errors point into the file that is wrong.
 */

/** Where a value was written: which source, at which path. */
export interface Origin {
  readonly source: number;
  readonly path: ReadonlyArray<PropertyKey>;
}

/** Origins of merged values: for each merged container, the origin of each child. */
export type Origins = WeakMap<object, Map<PropertyKey, Origin>>;

type Json = unknown;
const isRecord = (x: Json): x is Record<string, Json> => x !== null && typeof x === 'object' && !Array.isArray(x);
const isIdList = (x: Json): x is Array<Record<string, Json>> => Array.isArray(x) && x.every((item) => isRecord(item) && typeof item.id === 'string');

/** Records the origin of every child of an untouched value taken from one source. */
export function adopt(value: Json, origin: Origin, origins: Origins): Json {
  if (Array.isArray(value)) {
    const map = new Map<PropertyKey, Origin>();
    value.forEach((item, i) => {
      const child = { source: origin.source, path: [...origin.path, i] };
      map.set(i, child);
      adopt(item, child, origins);
    });
    origins.set(value, map);
  } else if (isRecord(value)) {
    const map = new Map<PropertyKey, Origin>();
    for (const [key, item] of Object.entries(value)) {
      const child = { source: origin.source, path: [...origin.path, key] };
      map.set(key, child);
      adopt(item, child, origins);
    }
    origins.set(value, map);
  }
  return value;
}

/** Merges `over` (from origin `overAt`) onto `base` (already adopted), returning the merged value with origins recorded. */
export function merge(base: Json, over: Json, overAt: Origin, origins: Origins): Json {
  if (overAt.path.length === 2 && overAt.path[0] === 'parameters') return adopt(over, overAt, origins);
  if (isRecord(base) && isRecord(over) && !('kind' in base && 'kind' in over && base.kind !== over.kind)) {
    const out: Record<string, Json> = { ...base };
    const map = new Map(origins.get(base) ?? []);
    for (const [key, value] of Object.entries(over)) {
      const at = { source: overAt.source, path: [...overAt.path, key] };
      if (key in base) {
        out[key] = merge(base[key], value, at, origins);
        if (!isRecord(value) && !Array.isArray(value)) map.set(key, at);
        else if (!(isRecord(base[key]) && isRecord(value)) && !(isIdList(base[key]) && isIdList(value))) map.set(key, at);
      } else {
        out[key] = adopt(value, at, origins);
        map.set(key, at);
      }
    }
    origins.set(out, map);
    return out;
  }
  if (isIdList(base) && isIdList(over)) {
    const out = [...base];
    const baseMap = origins.get(base) ?? new Map<PropertyKey, Origin>();
    const childOrigins: Origin[] = base.map((_, i) => baseMap.get(i) ?? overAt);
    over.forEach((item, j) => {
      const at = { source: overAt.source, path: [...overAt.path, j] };
      const i = out.findIndex((x) => x.id === item.id);
      if (item.remove === true) {
        if (i >= 0) {
          out.splice(i, 1);
          childOrigins.splice(i, 1);
        }
        return;
      }
      if (i >= 0) {
        out[i] = merge(out[i], item, at, origins) as Record<string, Json>;
      } else {
        out.push(adopt(item, at, origins) as Record<string, Json>);
        childOrigins.push(at);
      }
    });
    origins.set(out, new Map(childOrigins.map((o, i) => [i, o])));
    return out;
  }
  return adopt(over, overAt, origins);
}

/** The origin of the value at `path` in a merged document: the deepest recorded one. */
export function originOf(root: Json, rootOrigin: Origin, path: ReadonlyArray<PropertyKey>, origins: Origins): { origin: Origin; rest: PropertyKey[] } {
  let node: Json = root;
  let origin = rootOrigin;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const child = node !== null && typeof node === 'object' ? origins.get(node as object)?.get(key) : undefined;
    if (child === undefined) return { origin, rest: path.slice(i) as PropertyKey[] };
    origin = child;
    node = (node as Record<PropertyKey, Json>)[key as string];
  }
  return { origin, rest: [] };
}
