/** Learn mode's panel above an lme4 result: each note with the model's own numbers (learnNotes.ts). */
import type { ReportHead } from '../../src-main/api/contract';
import { learnNotes } from './learnNotes';
import { DesignMatrices } from './DesignMatrices';

export function LearnPanel({ report, fitId }: { report: ReportHead; fitId: number | null }) {
  return (
    <section className="learn-panel" data-testid="learn-panel" aria-label="What these numbers are">
      <h3>What these numbers are</h3>
      {learnNotes(report).map((note) => (
        <div key={note.id} className="learn-note" data-testid={`learn-${note.id}`}>
          <h4>{note.title}</h4>
          <p>{note.text}</p>
          <p className="muted small">{note.source}</p>
        </div>
      ))}
      {fitId != null && <DesignMatrices fitId={fitId} />}
    </section>
  );
}
