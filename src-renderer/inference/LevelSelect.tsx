/** The confidence level as the panels offer and print it (90 %, 95 %, 99 %). */

/** 0.95 → "95 %", 0.025 → "2.5 %" (the column heads of R's confint). */
export const pct = (q: number) => `${Number((q * 100).toPrecision(3))} %`;

const LEVELS = [0.9, 0.95, 0.99];

export function LevelSelect({ level, onChange }: { level: number; onChange: (level: number) => void }) {
  return (
    <select aria-label="Confidence level" value={level} onChange={(e) => onChange(Number(e.target.value))}>
      {LEVELS.map((l) => (
        <option key={l} value={l}>
          {pct(l)}
        </option>
      ))}
    </select>
  );
}
