/**
 * The viewer's speed with two designs compared, in headless Chromium (the
 * system's, FIREDRILL_CHROMIUM or /usr/bin/chromium): frames per second
 * while playing a week in 20 s, against an idle page's frame rate measured
 * in the same page just before (the baseline), and milliseconds per scrub
 * (performance.now() around setting the slider and the synchronous redraw it
 * causes, layout included). Needs the built viewer (npm run build:web).
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { viewerFile } from '../src/cli/export.js';
import { startServer } from '../src/server/server.js';

export interface ViewerResult {
  chromium: string;
  viewport: string;
  /** Frames a second of an idle page (requestAnimationFrame): what the browser offers. */
  idle_fps: number;
  /** Frames a second while playing the comparison at a week in 20 s. */
  playing_fps: number;
  /** playing / idle. */
  fps_ratio: number;
  /** One scrub: the slider set to a random hour and everything redrawn (median, 90th percentile, worst of 40), ms. */
  scrub_ms_median: number;
  scrub_ms_p90: number;
  scrub_ms_max: number;
}

/** Measures at 1440×900 and 390×844. */
export async function runViewer(params: { seed: number }): Promise<ViewerResult[]> {
  if (!existsSync(viewerFile())) throw new Error(`the viewer is not built (${viewerFile()}): run npm run build:web first`);
  const server = await startServer({ port: 0, limits: { runTimeoutMs: 120_000 } });
  const browser = await chromium.launch({
    executablePath: process.env.FIREDRILL_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const results: ViewerResult[] = [];
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(`${server.url}?compare=as-built-2022,naver-like&seed=${params.seed}`);
      // The page's functions run in the browser; this file is compiled without the DOM's types.
      await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('[data-testid=run-status][data-state=complete]').length === 2, null, { timeout: 120_000 });
      const measured = await page.evaluate(async () => {
        const w = globalThis as any;
        const document = w.document;
        const requestAnimationFrame = (f: (now: number) => void) => w.requestAnimationFrame(f);
        const frames = (ms: number) =>
          new Promise<number>((resolve) => {
            let n = 0;
            const start = performance.now();
            const tick = (now: number) => {
              if (now - start >= ms) return resolve((n * 1000) / (now - start));
              n++;
              requestAnimationFrame(tick);
            };
            requestAnimationFrame(tick);
          });
        const $ = (id: string) => document.querySelector(`[data-testid=${id}]`);
        const idle = await frames(2000);
        $('speed').value = String(168 / 20);
        $('speed').dispatchEvent(new w.Event('change'));
        $('play').click();
        const playing = await frames(4000);
        $('play').click();
        const scrub = $('scrub');
        const max = Number(scrub.max);
        const times: number[] = [];
        // A fixed sequence of hours (a small LCG), so every measurement scrubs the same way.
        let x = 12345;
        for (let i = 0; i < 40; i++) {
          x = (x * 1103515245 + 12345) % 2 ** 31;
          const h = (x / 2 ** 31) * max;
          const t0 = performance.now();
          scrub.value = String(h);
          scrub.dispatchEvent(new w.Event('input'));
          void document.body.offsetHeight;
          times.push(performance.now() - t0);
          await new Promise<void>((r) => requestAnimationFrame(() => r()));
        }
        times.sort((a, b) => a - b);
        return { idle, playing, times };
      });
      const q = (p: number) => Math.round(measured.times[Math.min(measured.times.length - 1, Math.floor(p * measured.times.length))]! * 10) / 10;
      results.push({
        chromium: browser.version(),
        viewport: `${width}x${height}`,
        idle_fps: Math.round(measured.idle * 10) / 10,
        playing_fps: Math.round(measured.playing * 10) / 10,
        fps_ratio: Math.round((measured.playing / measured.idle) * 1000) / 1000,
        scrub_ms_median: q(0.5),
        scrub_ms_p90: q(0.9),
        scrub_ms_max: Math.round(measured.times.at(-1)! * 10) / 10,
      });
      await page.close();
    }
    return results;
  } finally {
    await browser.close();
    await server.close();
  }
}
