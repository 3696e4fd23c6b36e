/**
 * The edits a history entry offers, shared by the model history and the Bayesian models: the row of
 * actions (Rename, any others, Delete), the rename form and the delete confirmation.
 */
import { type ReactNode, useState } from 'react';

/** Rename, then `children` (the entry's own actions), then Delete. */
export function ItemActions({ onRename, onDelete, children }: { onRename: () => void; onDelete: () => void; children?: ReactNode }) {
  return (
    <div className="hist-actions">
      <button type="button" className="link-btn" onClick={onRename}>
        Rename
      </button>
      {children}
      <button type="button" className="link-btn danger" onClick={onDelete}>
        Delete
      </button>
    </div>
  );
}

/** The name in a text box; Enter saves (a blank name cannot be saved), Escape leaves; onDone after either. */
export function RenameForm({ name: current, onSave, onDone }: { name: string; onSave: (name: string) => Promise<unknown>; onDone: () => void }) {
  const [name, setName] = useState(current);
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(name.trim()).then(onDone);
      }}
    >
      <input autoFocus value={name} aria-label="Model name" onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && onDone()} />
      <button type="submit" className="btn small" disabled={!name.trim()}>
        Save
      </button>
    </form>
  );
}

/** Asks once more before deleting. */
export function DeleteConfirm({ question, onDelete, onKeep }: { question: string; onDelete: () => void; onKeep: () => void }) {
  return (
    <div className="row-actions">
      <span className="small">{question}</span>
      <button type="button" className="btn danger small" onClick={onDelete}>
        Delete
      </button>
      <button type="button" className="btn small" onClick={onKeep}>
        Keep
      </button>
    </div>
  );
}
