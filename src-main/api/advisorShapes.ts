/** The model advisor's shapes (issue 20): model.designCheck (src-engine/checks/designCheck.ts). */
import { z } from 'zod';

export const designFindingSchema = z.object({
  code: z.enum(['reused-ids', 'singleton-groups', 'no-within-variation', 'few-levels', 'scales', 'separation']),
  severity: z.enum(['warning', 'info']),
  columns: z.array(z.string()),
  meaning: z.string(),
  action: z.string(),
  fix: z.object({ label: z.string(), formula: z.string() }).nullable(),
});
export type DesignFindingShape = z.infer<typeof designFindingSchema>;

export const designCheckResultSchema = z.object({ findings: z.array(designFindingSchema) });
