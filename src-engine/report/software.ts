/**
 * The R packages Quadrat's results are tested against: the versions the committed reference fixtures
 * (test/reference/fixtures) were made with. A test checks this against the fixtures' generatedBy, so
 * the methods paragraph cannot claim a version the tests did not use.
 */
export const REFERENCE_R = { R: '4.2.2', lme4: '1.1-31', lmerTest: '3.1-3', pbkrtest: '0.5.2' } as const;

export interface SoftwareInfo {
  /** "Quadrat" */
  name: string;
  version: string;
}
