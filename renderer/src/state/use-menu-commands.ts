/** Native menu items (Electron) that the renderer carries out, such as Edit > Undo. */
import { useEffect } from 'react';
import type { ApiEvents } from '../../../shared/api/contract.ts';
import type { Connection } from '../api/transport.ts';

export function useMenuCommands(connection: Connection, handlers: { undo(): void; redo(): void; exportMapImage?(): void; exportAny?(): void }): void {
  const { undo, redo, exportMapImage, exportAny } = handlers;
  useEffect(
    () =>
      connection.onEvent((event) => {
        if (event.name !== 'menuCommand') return;
        const { command } = event.payload as ApiEvents['menuCommand'];
        if (command === 'undo') undo();
        else if (command === 'redo') redo();
        else if (command === 'exportMapImage') exportMapImage?.();
        else if (command === 'export') exportAny?.();
      }),
    [connection, undo, redo, exportMapImage, exportAny],
  );
}
