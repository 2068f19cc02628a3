/** A small modal card used by the studio dialogs; Esc or the backdrop closes it. */
import { useEffect, type ReactNode } from 'react';

export function Dialog({ title, onClose, children, testId }: { title: string; onClose(): void; children: ReactNode; testId: string }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="studio-dialog__backdrop" onClick={onClose}>
      <div className="studio-dialog" role="dialog" aria-label={title} data-testid={testId} onClick={(e) => e.stopPropagation()}>
        <h2 className="studio-dialog__title">{title}</h2>
        {children}
      </div>
    </div>
  );
}
