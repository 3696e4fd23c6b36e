/** Free notes kept in the project file (what was tried, what to ask a colleague); saved as you type. */
import { useEffect, useRef, useState } from 'react';
import { useWb, useWorkbench } from '../app/context';

export function ProjectNotes() {
  const wb = useWorkbench();
  const project = useWb((s) => s.project);
  const [text, setText] = useState(project?.notes ?? '');
  const [state, setState] = useState<'saved' | 'editing' | 'saving'>('saved');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const path = project?.path;

  // A different project: show its notes.
  useEffect(() => {
    setText(project?.notes ?? '');
    setState('saved');
  }, [path]);

  const save = async (value: string) => {
    setState('saving');
    try {
      const p = await wb.api.project.setNotes({ notes: value });
      wb.store.set({ project: p });
      setState('saved');
    } catch (e) {
      wb.notify('error', `Saving the notes: ${e instanceof Error ? e.message : String(e)}`);
      setState('editing');
    }
  };

  if (!project) return null;
  return (
    <section className="project-notes" data-state={state}>
      <label className="section-label" htmlFor="project-notes">
        Project notes <span className="muted small">{state === 'saved' ? '' : state === 'saving' ? 'saving…' : 'editing'}</span>
      </label>
      <textarea
        id="project-notes"
        rows={4}
        value={text}
        readOnly={project.readOnly}
        placeholder="What you tried, what to check next…"
        onBlur={() => {
          if (state !== 'editing') return;
          if (timer.current) clearTimeout(timer.current);
          void save(text);
        }}
        onChange={(e) => {
          const v = e.target.value;
          setText(v);
          setState('editing');
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => void save(v), 800);
        }}
      />
    </section>
  );
}
