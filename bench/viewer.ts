/** Placeholder replaced below. */
export async function runViewer(_params: { seed: number }): Promise<unknown> {
  return null;
}
