/** A batch chunk in a worker: each unit fitted alone, its error kept (src-engine/batch/unitResult.ts). */
import { fitUnit, type UnitResult } from '../../src-engine/batch/unitResult';
import { type JobInput } from './protocol';

export function fitUnitsJob(job: Extract<JobInput, { kind: 'fit-units' }>, signal: { readonly aborted: boolean }): UnitResult[] {
  return job.units.map((u) => fitUnit(job.table, u, job.request, signal));
}
