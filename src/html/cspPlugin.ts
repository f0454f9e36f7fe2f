/** A Vite plugin that gives the single-file page it builds its Content-Security-Policy (see csp.ts). */
import type { Plugin } from 'vite';
import { withPolicyMeta, type PolicyOptions } from './csp.js';

/** Runs after vite-plugin-singlefile has inlined the script and style, so the hashes are of what the page holds. */
export function cspPlugin(options: PolicyOptions): Plugin {
  return {
    name: 'firedrill:csp',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const file of Object.values(bundle)) {
          if (file.type === 'asset' && file.fileName.endsWith('.html')) file.source = withPolicyMeta(String(file.source), options);
        }
      },
    },
  };
}
