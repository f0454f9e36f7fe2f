/**
 * How a pool's servers are spread over the halls it may use: in proportion to
 * each hall's free servers, remainders to the first halls with room, so that
 * a pool is not all in one hall unless told so. Shared by the world builder
 * and the scenario checker, so that a scenario that passes the check builds.
 */

/** Servers each candidate hall gives, or null if they do not hold `wanted` between them. */
export function spreadOverHalls(free: readonly number[], wanted: number): number[] | null {
  const total = free.reduce((a, b) => a + b, 0);
  if (wanted > total) return null;
  if (total === 0) return free.map(() => 0);
  const shares = free.map((f) => Math.floor((wanted * f) / total));
  let left = wanted - shares.reduce((a, b) => a + b, 0);
  free.forEach((f, i) => {
    const extra = Math.min(left, f - shares[i]!);
    shares[i] = shares[i]! + extra;
    left -= extra;
  });
  return shares;
}
