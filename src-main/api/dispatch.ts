/**
 * The one entry point both transports use: look up the method, validate the params with its schema,
 * run the handler, and turn failures into an HTTP-like status and a wire error.
 */
import { isQuadratError } from '../../src-engine/errors/quadratError';
import { toWireError } from '../host/toWireError';
import { apiMethods, describeZodError, isMethodName, type MethodName, type Params, type Result } from './contract';
import { type AppContext } from './context';
import { type WireError } from './shapes';

export type Handler<M extends MethodName> = (params: Params<M>, ctx: AppContext) => Promise<Result<M>> | Result<M>;
export type Handlers = { [M in MethodName]: Handler<M> };
/** The handlers of one domain ('dataset' → every 'dataset.*' method), for the per-domain files. */
export type DomainHandlers<D extends string> = { [M in MethodName as M extends `${D}.${string}` ? M : never]: Handler<M> };

export type Outcome = { ok: true; result: unknown } | { ok: false; status: 400 | 404 | 422 | 500; error: WireError };

export interface DispatchOptions {
  /** Check results against their schemas too (tests; catches handler/contract drift). */
  validateResults?: boolean;
  /** Where unexpected errors are logged (they are bugs). */
  log?: (message: string) => void;
}

export async function dispatch(
  handlers: Handlers,
  ctx: AppContext,
  method: string,
  params: unknown,
  options: DispatchOptions = {},
): Promise<Outcome> {
  if (!isMethodName(method)) return { ok: false, status: 404, error: { kind: 'input', message: `Unknown method "${method}".` } };
  const parsed = apiMethods[method].params.safeParse(params ?? {});
  if (!parsed.success)
    return { ok: false, status: 400, error: { kind: 'input', message: `Invalid parameters for ${method}: ${describeZodError(parsed.error)}` } };
  try {
    const handler = handlers[method] as (p: unknown, c: AppContext) => Promise<unknown> | unknown;
    const result = await handler(parsed.data, ctx);
    if (options.validateResults) {
      const check = apiMethods[method].result.safeParse(result);
      if (!check.success) throw new Error(`result of ${method} does not match the contract: ${describeZodError(check.error)}`);
    }
    return { ok: true, result };
  } catch (e) {
    if (isQuadratError(e)) return { ok: false, status: 422, error: toWireError(e) };
    (options.log ?? console.error)(`quadrat: ${method} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return { ok: false, status: 500, error: toWireError(e) };
  }
}
