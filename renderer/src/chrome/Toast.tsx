/** A transient message at the bottom of the map, for errors the user should read. */
import { useEffect } from 'react';

export interface ToastProps {
  message: string;
  onDismiss(): void;
}

const VISIBLE_MS = 7000;

export function Toast({ message, onDismiss }: ToastProps) {
  useEffect(() => {
    const timer = window.setTimeout(onDismiss, VISIBLE_MS);
    return () => window.clearTimeout(timer);
  }, [message, onDismiss]);
  return (
    <div className="toast" role="alert" data-testid="toast">
      <span>{message}</span>
      <button type="button" className="toast__close" onClick={onDismiss} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}
