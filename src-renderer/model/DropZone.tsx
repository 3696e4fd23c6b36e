/** A box of the model builder that takes variables dragged from the variable list. */
import { useState } from 'react';
import { droppedVariables } from './VariableList';

export function DropZone({ onDrop, children, label }: { onDrop: (names: string[]) => void; children: React.ReactNode; label: string }) {
  const [over, setOver] = useState(false);
  return (
    <div
      className={`drop-zone${over ? ' over' : ''}`}
      aria-label={label}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const names = droppedVariables(e);
        if (names.length) onDrop(names);
      }}
    >
      {children}
    </div>
  );
}
