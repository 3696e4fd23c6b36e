/**
 * A renderer error in one pane shows its message in that pane instead of blanking the app; the data,
 * fits and project live in the workbench store and the main process, so nothing is lost. "Try again"
 * renders the pane afresh (so does switching to another tab: the boundary is keyed by it).
 * Written with createElement (no JSX) so that the root type check, which reads the renderer tests
 * without JSX, can type its test.
 */
import { Component, createElement as h, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What the pane is, for the message ("the results"). */
  what: string;
  children?: ReactNode;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Quadrat: ${this.props.what} failed to display`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return h(
      'div',
      { className: 'pane-error', role: 'alert', 'data-testid': 'pane-error' },
      h('p', null, `Something went wrong showing ${this.props.what}: `, h('strong', null, error.message)),
      h('p', null, 'Your data, fits and project are safe. Try again, or switch to another view; if it happens again, please report it with these steps.'),
      h('button', { type: 'button', onClick: () => this.setState({ error: null }) }, 'Try again'),
    );
  }
}
