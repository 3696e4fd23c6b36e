/** A button that opens a small panel below it; closes on Escape or a click outside. */
import { useEffect, useRef, useState, type ReactNode } from 'react';

interface Props {
  label: ReactNode;
  title?: string;
  align?: 'left' | 'right';
  className?: string;
  testId?: string;
  children: (close: () => void) => ReactNode;
}

export function Dropdown({ label, title, align = 'right', className = 'btn small', testId, children }: Props) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => ref.current && !ref.current.contains(e.target as Node) && setOpen(false);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div className="menu" ref={ref}>
      <button type="button" className={className} title={title} aria-haspopup="menu" aria-expanded={open} data-testid={testId} onClick={() => setOpen(!open)}>
        {label}
      </button>
      {open && <div className={`menu-list${align === 'left' ? ' left' : ''}`}>{children(() => setOpen(false))}</div>}
    </div>
  );
}
