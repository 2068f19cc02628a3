/** The keyboard shortcut sheet (press ?). */
import { Dialog } from './Dialog.tsx';
import { STUDIO_SHORTCUTS } from './use-studio-shortcuts.ts';

export function HelpOverlay({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} testId="help-overlay">
      <dl className="shortcut-list">
        {STUDIO_SHORTCUTS.map(([key, what]) => (
          <div key={key}>
            <dt><kbd>{key}</kbd></dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <div className="studio-dialog__actions">
        <button type="button" className="button button--primary" onClick={onClose}>Close</button>
      </div>
    </Dialog>
  );
}
