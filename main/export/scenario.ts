/** Scenario lookup shared by exports and lead routing. */
import { UserError } from '../../shared/errors.ts';
import type { Scenario } from '../../shared/model/project.ts';
import type { ProjectStore } from '../store/project-store.ts';

/** A scenario by id or name (case-insensitive); the active one when `nameOrId` is undefined. */
export function resolveScenario(store: ProjectStore, nameOrId: string | undefined): Scenario {
  if (nameOrId === undefined) return store.activeScenario();
  const all = store.scenarios();
  const found =
    all.find((s) => s.id === nameOrId) ?? all.find((s) => s.name.toLowerCase() === nameOrId.trim().toLowerCase());
  if (!found) {
    throw new UserError(
      `Scenario "${nameOrId}" does not exist in project "${store.name}". Scenarios: ${all.map((s) => `"${s.name}" (${s.id})`).join(', ') || 'none'}.`,
    );
  }
  return found;
}
