/** DHARMa's simulated-residual tests on the wire (SimulatedResidualsInfo): glmer fits' glmm.simulated and count fits' tmb.simulated. */
import { z } from 'zod';

const num = z.number();

export const simulatedInfoSchema = z.object({
  nsim: z.number().int(),
  seed: z.number().int(),
  uniformity: z.object({ D: num, pValue: num }),
  dispersion: z.object({ ratio: num, pValue: num, simulated: z.array(num).optional() }),
  zeroInflation: z.object({ observed: num, expected: num, ratio: num, pValue: num, simulated: z.array(num).optional() }).nullable(),
  readings: z.array(z.string()),
});
