/**
 * A plugin's analysis result is untrusted: it is checked against the SDK's `AnalysisResultSchema` (the
 * same schema the harness uses) before it becomes a warning.
 */
import { type AnalysisResult, AnalysisResultSchema } from '@fenghuo/sdk';
import { Value } from '@sinclair/typebox/value';

/** Problems of a result as `path: message` lines (empty when it is valid). */
export function resultProblems(result: unknown): string[] {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    return [
      `/: the result must be an object, got ${result === null ? 'null' : Array.isArray(result) ? 'an array' : typeof result}`,
    ];
  }
  const out: string[] = [];
  for (const e of Value.Errors(AnalysisResultSchema, result)) {
    out.push(`${e.path || '/'}: ${e.message}`);
    if (out.length >= 5) break;
  }
  return out;
}

export function isValidResult(result: unknown): result is AnalysisResult {
  return resultProblems(result).length === 0;
}
