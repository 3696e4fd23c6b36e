/** The one Workbench instance, reachable from every component. */
import { createContext, useContext, type ReactNode } from 'react';
import { useSlice } from './store';
import type { FullState, Workbench } from './workbench';

const WorkbenchContext = createContext<Workbench | null>(null);

export function WorkbenchProvider({ wb, children }: { wb: Workbench; children: ReactNode }) {
  return <WorkbenchContext.Provider value={wb}>{children}</WorkbenchContext.Provider>;
}

export function useWorkbench(): Workbench {
  const wb = useContext(WorkbenchContext);
  if (!wb) throw new Error('useWorkbench outside WorkbenchProvider');
  return wb;
}

/** A slice of the state; re-renders only when the selected value changes (by identity). */
export function useWb<T>(select: (s: FullState) => T): T {
  return useSlice(useWorkbench().store, select);
}
