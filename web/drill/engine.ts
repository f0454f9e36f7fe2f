/**
 * Where the drill's engine runs for this page: a Web Worker started from the
 * engine's code, which the page carries inline (so the page alone, opened from
 * disk, is the whole drill: no server, no network request).
 */
import type { FromDrill, ToDrill } from '../../src/drill/protocol.js';

/** Sends a message to the engine and resolves with its answer. */
export type Send = (message: ToDrill) => Promise<FromDrill>;

interface TrustedTypesWindow {
  trustedTypes?: { createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): unknown } };
}

/** Starts the engine in a worker from its source text. */
export function startWorker(source: string): Send {
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  // Under the page's Trusted Types policy a worker's URL must come from a named policy: ours lets only the blob through.
  const tt = (window as unknown as TrustedTypesWindow).trustedTypes;
  const scriptUrl = tt === undefined ? url : tt.createPolicy('firedrill-worker', { createScriptURL: (u) => (u === url ? u : '') }).createScriptURL(url);
  const worker = new Worker(scriptUrl as string);
  // One message in flight at a time: answers come back in order.
  let queue: Promise<unknown> = Promise.resolve();
  return (message) => {
    const answer = queue.then(
      () =>
        new Promise<FromDrill>((resolve) => {
          worker.onmessage = (event: MessageEvent<FromDrill>) => resolve(event.data);
          worker.onerror = (event) => resolve({ type: 'problem', message: `the drill's engine stopped: ${event.message}` });
          worker.postMessage(message);
        }),
    );
    queue = answer;
    return answer;
  };
}
