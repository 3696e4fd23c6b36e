/** `weights = varIdent(form = ~ 1 | Sex)` etc. → a VarFunc on the frame's observations. */
import { QuadratError } from '../../errors/quadratError';
import { type NlmeFrame } from '../frame';
import { formulaArg, matchArgs, parseStructCall, type StructCall } from '../spec/structCall';
import { parseGroupedForm } from '../spec/groupedForm';
import { powerFamily, type PowerKind } from './powerFamily';
import { varComb } from './varComb';
import { varFixed } from './varFixed';
import { varIdent } from './varIdent';
import { strataInOrder, type VarFunc } from './varFunc';

const KNOWN = ['varIdent', 'varPower', 'varExp', 'varConstPower', 'varFixed', 'varComb'];

function strata(frame: NlmeFrame, groups: readonly string[], order: Int32Array, what: string) {
  if (groups.length === 0) return { stratum: new Int32Array(frame.n), names: [''] };
  const fs = groups.map((g) => frame.factor(g, what));
  return strataInOrder(fs.map((f) => f.codes), fs.map((f) => f.labels), order);
}

function build(call: StructCall, frame: NlmeFrame, order: Int32Array): VarFunc {
  const what = `weights = ${call.name}()`;
  switch (call.name) {
    case 'varIdent': {
      const args = matchArgs(call, ['value', 'form', 'fixed']);
      if (args.has('value') || args.has('fixed')) throw new QuadratError('input', 'varIdent(): starting or fixed values are not supported yet; give only form = ~ 1 | g.');
      const form = parseGroupedForm(formulaArg(call, args, 'form') ?? '~ 1', what);
      if (form.groups.length === 0) throw new QuadratError('input', 'varIdent() needs strata: form = ~ 1 | g.');
      const s = strata(frame, form.groups, order, what);
      return varIdent(s.stratum, s.names, form.text);
    }
    case 'varPower':
    case 'varExp':
    case 'varConstPower': {
      const args = matchArgs(call, call.name === 'varConstPower' ? ['const', 'power', 'form', 'fixed'] : ['value', 'form', 'fixed']);
      for (const a of ['value', 'const', 'power', 'fixed']) {
        if (args.has(a)) throw new QuadratError('input', `${call.name}(): starting or fixed values (${a}) are not supported yet; give only form.`);
      }
      const form = parseGroupedForm(formulaArg(call, args, 'form') ?? '~ fitted(.)', what);
      if (form.covariates.length > 1) throw new QuadratError('input', `${call.name}(): form takes one covariate (got ${form.covariates.join(' + ')}).`);
      if (!form.fitted && form.covariates.length === 0) throw new QuadratError('input', `${call.name}(): form needs a variance covariate, e.g. form = ~ age.`);
      const values = form.fitted ? undefined : frame.numeric(form.covariates[0], what);
      if (values && call.name !== 'varExp' && values.some((v) => v === 0)) {
        if (call.name === 'varPower') frame.warnings.push(`${call.name}: the variance covariate is 0 in some rows (as in nlme, |0|^δ makes their weight infinite or zero).`);
      }
      const s = strata(frame, form.groups, order, what);
      return powerFamily(call.name as PowerKind, { values, stratum: s.stratum, strata: s.names }, form.text);
    }
    case 'varFixed': {
      const args = matchArgs(call, ['value']);
      const f = args.get('value');
      if (!f || f.kind !== 'formula') throw new QuadratError('input', 'varFixed() needs a variance covariate formula, e.g. varFixed(~ age).');
      const form = parseGroupedForm(f.text, what);
      if (form.covariates.length !== 1 || form.groups.length > 0) throw new QuadratError('input', 'varFixed() takes one covariate and no groups, e.g. varFixed(~ age).');
      return varFixed(frame.numeric(form.covariates[0], what), form.text);
    }
    case 'varComb': {
      if (call.args.length < 2) throw new QuadratError('input', 'varComb() combines two or more variance functions, e.g. varComb(varIdent(form = ~ 1 | Sex), varExp(form = ~ age)).');
      return varComb(call.args.map((a) => {
        if (a.value.kind !== 'call' || a.value.call.name === 'varComb') throw new QuadratError('input', 'varComb() takes variance functions such as varIdent(…) and varPower(…).');
        return build(a.value.call, frame, order);
      }));
    }
    default:
      throw new QuadratError('input', `Unknown variance function "${call.name}". nlme's are ${KNOWN.join(', ')}.`);
  }
}

export function buildVarFunc(text: string, frame: NlmeFrame, order: Int32Array): VarFunc {
  return build(parseStructCall(text), frame, order);
}
