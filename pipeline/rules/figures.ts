import { Pattern, RuleBase, ruleTable } from './table.ts'

/**
 * The figures page of the review site compares the numbers the outlets report, by what they count: these
 * are the units it shows (the words after a number, as the numbers table gives them). A corpus about
 * another event sets its own here.
 */
export const FigureUnit = RuleBase.extend({ pattern: Pattern })

export const figureUnits = ruleTable('figureUnits', FigureUnit, [
  {
    id: 'casualties',
    pattern:
      /^(?:people|persons|dead|deaths|killed|lives|victims|injured|wounded|hostages|bodies|children|casualties)\b/i,
    reason:
      'The dead, the injured and the hostages of an attack: the figures press coverage of one most often disagrees on.',
  },
])
