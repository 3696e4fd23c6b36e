/**
 * Which port the browser build listens on: the one asked for with --port (in use → stop with a
 * message, never a silent other port the user did not ask for), else last launch's (so an open tab
 * reconnects), else any free one. When last launch's port has been taken by another program, any
 * free port, with a note that an open tab cannot follow.
 */
export type PortOutcome<T> = { ok: true; running: T; note?: string } | { ok: false; message: string };

export async function listenOnChosenPort<T>(
  serve: (port: number) => Promise<T>,
  asked: number | undefined,
  lastPort: number | undefined,
): Promise<PortOutcome<T>> {
  const port = asked ?? lastPort ?? 0;
  try {
    return { ok: true, running: await serve(port) };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    if (asked !== undefined) {
      return { ok: false, message: `port ${asked} is in use by another program. Choose another with --port, or leave --port out.` };
    }
    const note = `Note: port ${port}, used last time, is taken; a tab still open at the old address cannot reconnect.`;
    return { ok: true, running: await serve(0), note };
  }
}
