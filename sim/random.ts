import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1), as `Math.random` but seeded. Pass one in; never reach for a global. */
export type Rng = () => number;

/** Generators from seedrandom fast enough for the hot path (its default ARC4 is about 4× slower). */
export type Algorithm = 'alea' | 'xor4096';

/** A family of independent named random streams derived from one master seed. */
export interface RandomStreams {
  /** The master seed, as given. */
  readonly seed: string;
  /** The generator behind every stream. */
  readonly algorithm: Algorithm;
  /**
   * The stream for a purpose (`fire.spread`, `servers.boot`): the same name
   * always gives the same stream object. Each stream is seeded from the
   * master seed and its own name only, so draws from one stream never shift
   * another's sequence, and creating streams in another order changes nothing.
   */
  get(name: string): Rng;
  /** Names of the streams created so far, sorted. */
  names(): string[];
}

/** Creates a fresh generator of `algorithm` from a string seed. */
export function createRng(seed: string, algorithm: Algorithm = 'alea'): Rng {
  const prng = algorithm === 'alea' ? seedrandom.alea(seed) : seedrandom.xor4096(seed);
  return prng as Rng;
}

/** Creates the named streams of one run from its master seed. */
export function createStreams(seed: number | string, algorithm: Algorithm = 'alea'): RandomStreams {
  if (typeof seed === 'number' && !Number.isFinite(seed)) throw new RangeError(`seed must be finite, got ${seed}`);
  const master = String(seed);
  const streams = new Map<string, Rng>();
  return {
    seed: master,
    algorithm,
    get(name: string): Rng {
      let rng = streams.get(name);
      if (rng === undefined) {
        if (typeof name !== 'string' || name.length === 0) throw new TypeError('a random stream needs a non-empty name');
        // The separator cannot occur in a decimal seed, so (seed, name) pairs never collide.
        rng = createRng(`${master}\u0000${name}`, algorithm);
        streams.set(name, rng);
      }
      return rng;
    },
    names(): string[] {
      return [...streams.keys()].sort();
    },
  };
}
