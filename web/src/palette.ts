/**
 * Server states as the floor map shows them: at most five classes, in colours
 * that stay apart under the common colour-vision deficiencies and in grey
 * (their lightness differs by at least 10 L*), and failed servers also by
 * pattern, so no class depends on hue alone. Okabe–Ito colours.
 */

/** One class of server states. */
export interface StateClass {
  id: 'running' | 'returning' | 'down' | 'failed' | 'destroyed';
  label: string;
  /** Fill, #rrggbb. */
  colour: string;
  /** Second colour of a checkered cell, for classes told apart by pattern too. */
  pattern: string | null;
}

export const STATE_CLASSES: readonly StateClass[] = [
  { id: 'running', label: 'running', colour: '#56b4e9', pattern: null },
  { id: 'returning', label: 'booting or repairing', colour: '#f0e442', pattern: null },
  { id: 'down', label: 'off or unpowered', colour: '#595959', pattern: null },
  { id: 'failed', label: 'failed', colour: '#d55e00', pattern: '#1d1d1d' },
  { id: 'destroyed', label: 'destroyed', colour: '#000000', pattern: null },
];

const CLASS_OF: Record<string, number> = { running: 0, booting: 1, repairing: 1, unpowered: 2, off: 2, failed: 3, destroyed: 4 };

/** The class of a state name; names this viewer does not know count as down. */
export function stateClassOf(name: string): number {
  return Object.hasOwn(CLASS_OF, name) ? CLASS_OF[name]! : 2;
}

/** CIE L* (D65) of a #rrggbb colour: how light it looks in grey. */
export function lightness(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const y = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return y > 216 / 24389 ? 116 * Math.cbrt(y) - 16 : (24389 / 27) * y;
}
