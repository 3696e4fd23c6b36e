/** nlme's `random = list(g = pdDiag(~ x))` (also pdSymm/pdLogChol): one grouping level with its pdMat class. */
export interface PdList {
  group: string;
  pdClass: 'pdDiag' | 'pdSymm' | 'pdLogChol';
  /** The one-sided formula inside the pdMat, "~ age". */
  form: string;
}

const PD_LIST = /^list\s*\(\s*([A-Za-z.][A-Za-z0-9._]*)\s*=\s*(pdDiag|pdSymm|pdLogChol)\s*\(\s*(~[^()]*)\)\s*\)$/;

/** The pdMat form of `random`, or null when it is written another way (`~ x | g`). */
export function parsePdList(random: string): PdList | null {
  const m = PD_LIST.exec(random.trim());
  return m ? { group: m[1], pdClass: m[2] as PdList['pdClass'], form: m[3].trim() } : null;
}
