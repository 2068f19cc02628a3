/** The few line icons of the top bar, drawn inline so the app needs no icon font or network. */
const common = {
  width: 16,
  height: 16,
  viewBox: '0 0 16 16',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.6,
  strokeLinecap: 'round' as const,
  strokeLinejoin: 'round' as const,
  'aria-hidden': true,
};

export function UndoIcon() {
  return (
    <svg {...common}>
      <path d="M5.5 3.5 2.5 6.5l3 3" />
      <path d="M2.5 6.5h7a4 4 0 0 1 0 8h-3" />
    </svg>
  );
}

export function RedoIcon() {
  return (
    <svg {...common}>
      <path d="m10.5 3.5 3 3-3 3" />
      <path d="M13.5 6.5h-7a4 4 0 0 0 0 8h3" />
    </svg>
  );
}

export function InfoIcon() {
  return (
    <svg {...common}>
      <circle cx="8" cy="8" r="6.2" />
      <path d="M8 7.2v4" />
      <path d="M8 4.8v.1" />
    </svg>
  );
}

/** The app mark: four tiles of a mosaic. */
export function TesseraMark() {
  return (
    <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
      <rect x="1" y="1" width="7" height="7" rx="1.5" fill="#4e79a7" />
      <rect x="10" y="1" width="7" height="7" rx="1.5" fill="#f28e2b" />
      <rect x="1" y="10" width="7" height="7" rx="1.5" fill="#59a14f" />
      <rect x="10" y="10" width="7" height="7" rx="1.5" fill="#e15759" />
    </svg>
  );
}
