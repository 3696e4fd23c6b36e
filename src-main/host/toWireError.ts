/** Any thrown value as the error a transport sends: QuadratErrors keep kind/message/where. */
import { isQuadratError } from '../../src-engine/errors/quadratError';
import { type WireError } from '../api/shapes';

const INTERNAL = 'Internal error: ';

export function toWireError(e: unknown): WireError {
  if (isQuadratError(e)) {
    const w: WireError = { kind: e.kind, message: e.message };
    if (e.where) w.where = { ...e.where };
    return w;
  }
  const message = e instanceof Error ? e.message : String(e);
  // an internal error passed on from a worker already carries the prefix: say it once
  return { kind: 'internal', message: message.startsWith(INTERNAL) ? message : `${INTERNAL}${message}` };
}
