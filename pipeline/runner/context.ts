import { emptyProfile } from '../corpus/profile.ts'
import { annotationTables } from '../../schemas/index.ts'
import type { Context } from '../types.ts'

/** A run's context with defaults: no corpus profile, no catalogue, every annotation table, no date counted as future. */
export function newContext(options: Partial<Context> = {}): Context {
  const today = options.today ?? '9999-12-31'
  return {
    corpus: emptyProfile,
    catalog: new Map(),
    annotate: annotationTables,
    isFuture: (date) => date > today,
    ...options,
    today,
  }
}
