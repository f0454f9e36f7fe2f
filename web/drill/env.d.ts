/** The drill's engine, built first into one classic script (vite.drillworker.config.ts), as text. */
declare module '@drill-worker?raw' {
  const source: string;
  export default source;
}
