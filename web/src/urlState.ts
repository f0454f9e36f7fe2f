/**
 * What the address says about the view, so a link reproduces it: the hour,
 * the design (or two compared), the seed, the policy, the speed and
 * spoiler-free mode. Pure: parse and format, nothing else.
 */

/** A view as the address holds it; null where the address says nothing (the viewer's default). */
export interface ViewState {
  /** Hours after ignition. */
  t: number | null;
  /** A design id, '' for the scenario as written. */
  design: string | null;
  /** Two designs compared ('' for the scenario as written), or null. */
  compare: [string, string] | null;
  seed: number | null;
  policy: string | null;
  /** Simulated hours per real second. */
  speed: number | null;
  spoilerFree: boolean;
}

const ID = /^[a-z0-9][a-z0-9._-]{0,99}$/i;
const number = (text: string | null, min: number, max: number): number | null => {
  if (text === null || text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
};
const id = (text: string | null): string | null => (text === null ? null : text === '' || ID.test(text) ? text : null);

/** Reads `?t=24&compare=as-built-2022,naver-like&seed=2…`; values that make no sense are left out. */
export function parseViewState(search: string): ViewState {
  const p = new URLSearchParams(search);
  const pair = p.get('compare')?.split(',') ?? [];
  const compare = pair.length === 2 && pair.every((d) => id(d) !== null) ? ([pair[0]!, pair[1]!] as [string, string]) : null;
  const seed = number(p.get('seed'), 0, 0xffffffff);
  return {
    t: number(p.get('t'), 0, 1e6),
    design: id(p.get('design')),
    compare,
    seed: seed !== null && Number.isInteger(seed) ? seed : null,
    policy: id(p.get('policy')),
    speed: number(p.get('speed'), 0.01, 1000),
    spoilerFree: p.get('spoilers') === 'hide',
  };
}

/** The query string for a view (`?…`, or '' when it says nothing); the hour to the minute. */
export function formatViewState(state: ViewState): string {
  const p = new URLSearchParams();
  if (state.compare !== null) p.set('compare', state.compare.join(','));
  else if (state.design !== null) p.set('design', state.design);
  if (state.seed !== null) p.set('seed', String(state.seed));
  if (state.policy !== null) p.set('policy', state.policy);
  if (state.t !== null) p.set('t', String(Math.round(state.t * 60) / 60 === Math.round(state.t) ? Math.round(state.t) : Math.round(state.t * 1000) / 1000));
  if (state.speed !== null) p.set('speed', String(state.speed));
  if (state.spoilerFree) p.set('spoilers', 'hide');
  const text = p.toString().replaceAll('%2C', ',');
  return text === '' ? '' : `?${text}`;
}

/** Whether two states ask for the same runs (so only the hour, speed or mode changed). */
export function sameRuns(a: ViewState, b: ViewState): boolean {
  return a.design === b.design && a.seed === b.seed && a.policy === b.policy && String(a.compare) === String(b.compare);
}
