/** What an expression field shows of an API error: the message, and the character it points at. */
import { ApiError } from '../../src-main/api/client';

export interface ExpressionIssue {
  message: string;
  /** 0-based character the error points at, when it points at one. */
  start: number | null;
}

/** The issue an API error describes: its message, and its character when it is about the expression. */
export function issueOf(e: unknown): ExpressionIssue {
  const message = e instanceof Error ? e.message : String(e);
  const col = e instanceof ApiError && (e.kind === 'formula' || e.kind === 'input') ? e.where?.column : undefined;
  return { message, start: typeof col === 'number' ? col - 1 : null };
}
