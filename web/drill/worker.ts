/**
 * The drill's engine in a Web Worker: the whole simulation runs here, off the
 * page's thread, with nothing from any server. The page posts ToDrill
 * messages; each is answered with one FromDrill message.
 */
// First: before any zod schema is built (see jitless.ts).
import '../src/jitless.js';
import { createDrillEngine } from '../../src/drill/engine.js';
import type { FromDrill, ToDrill } from '../../src/drill/protocol.js';

const engine = createDrillEngine();
const scope = self as unknown as { onmessage: ((e: MessageEvent<ToDrill>) => void) | null; postMessage(m: FromDrill): void };

scope.onmessage = (event) => {
  let answer: FromDrill;
  try {
    answer = engine.handle(event.data);
  } catch (error) {
    answer = { type: 'problem', message: `the drill's engine failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  scope.postMessage(answer);
};
