/**
 * Typed arrays kept from one run to the next. A worker doing thousands of
 * runs would otherwise map fresh pages for every run's big arrays, and page
 * faults are what stops two workers from running twice as fast on this kind
 * of machine (bench/RESULTS.md). Arrays come back zero-filled, as new ones do.
 */

type TypedArray = Float64Array | Int32Array | Uint32Array | Uint8Array;
type TypedArrayConstructor<T extends TypedArray> = { new (length: number): T; readonly name: string };

const free = new Map<string, TypedArray[]>();

/** A zero-filled array of `length`, recycled if one was given back. */
export function takeArray<T extends TypedArray>(Type: TypedArrayConstructor<T>, length: number): T {
  const list = free.get(`${Type.name}:${length}`);
  const reused = list?.pop() as T | undefined;
  if (reused === undefined) return new Type(length);
  reused.fill(0);
  return reused;
}

/** Gives arrays back for later runs; the caller must not use them again. */
export function giveArrays(...arrays: TypedArray[]): void {
  for (const a of arrays) {
    const key = `${a.constructor.name}:${a.length}`;
    const list = free.get(key) ?? [];
    // A handful per size is all a run needs; more would only hold memory.
    if (list.length < 8) list.push(a);
    free.set(key, list);
  }
}
