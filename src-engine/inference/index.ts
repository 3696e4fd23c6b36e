/** The inference API (docs/inference.md): lmerTest/pbkrtest/lme4/emmeans equivalents on an LmmFit. */
export { anovaTable, type AnovaTable, type AnovaTableRow } from './anova';
export { bootEstimates, bootIntervals, bootstrapSamples, confintBoot, percentileIntervals, type BootChunk, type BootSamples } from './bootstrap';
export { confintWald, type IntervalRow } from './confintWald';
export { LmmInference, type DdfMethod, type FTest, type TTest } from './lmmInference';
export { contestJoint, contestRows, type ContrastRow } from './contestTable';
export { drop1 } from './drop1';
export { emmeans, holm, type Emmeans, type PAdjust } from './emmeans';
export { fitAtTheta } from './fitAtTheta';
export { fixedEffectTests, type FixedDdf } from './fixedEffects';
export { icc, nakagawaR2 } from './icc';
export { compareModels, type ComparisonRow, type ModelComparison, type NamedFit } from './modelComparison';
export { confintProfile, type ProfileOptions } from './profile';
export { ranova, ranovaOf, type Ranova, type RanovaRow } from './ranova';
export { type RefitControl } from './refit';
export { addInference, type InferenceRequest } from './reportInference';
export { step, type StepOptions, type StepResult } from './step';
