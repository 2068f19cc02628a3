/** Line icons of the map tools, 18 px, drawn with currentColor. */
import type { ToolId } from './tool-types.ts';

const paths: Record<ToolId, string> = {
  pointer: 'M5 3l10 6-4.5 1.2L13 15l-2 1-2.5-4.8L5 14z',
  select: 'M4 4h4M12 4h2v2M14 10v4h-4M6 14H4v-2M4 8V6',
  box: 'M3.5 4.5h11v9h-11z',
  lasso: 'M9 3c4 0 6.5 1.8 6.5 4.3S12.6 11.5 9 11.5 2.5 9.8 2.5 7.3 5 3 9 3zM5 10.5c-.8 1.6-.4 3.5 1.6 4.5',
  brush: 'M14.5 3.5l-6 7M8.5 10.5c-1.8-.4-3.7.6-4 2.8-.2 1.3-1 2-2 2.2 2.4 1 5.6.6 6.4-1.6.4-1.2.2-2.4-.4-3.4z',
  eraser: 'M7 15h8M3.5 11.5l6.8-7.3 4.5 4.2L9 15H6.5z',
};

export function ToolIcon({ id }: { id: ToolId }) {
  return (
    <svg width="18" height="18" viewBox="0 0 18 18" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" strokeLinecap="round" aria-hidden="true">
      <path d={paths[id]} />
    </svg>
  );
}
