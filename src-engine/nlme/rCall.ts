/** The nlme call that reproduces a fit in R (for export and the methods text): gls(model = …) or lme(fixed = …). */
import { type NlmeSpec } from './spec/nlmeSpec';

export function nlmeRCall(spec: NlmeSpec, dataName = 'd'): string {
  const lme = spec.random !== undefined;
  const args = [
    lme ? `fixed = ${spec.fixed}` : `model = ${spec.fixed}`,
    `data = ${dataName}`,
    ...(lme ? [`random = ${spec.random}`] : []),
    ...(spec.weights ? [`weights = ${spec.weights}`] : []),
    ...(spec.correlation ? [`correlation = ${spec.correlation}`] : []),
    `method = "${spec.method ?? 'REML'}"`,
  ];
  return `${lme ? 'lme' : 'gls'}(${args.join(', ')})`;
}
