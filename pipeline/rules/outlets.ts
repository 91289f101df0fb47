import { z } from 'zod'
import type { TailRule } from './boilerplate.ts'
import { Pattern, RuleBase, ruleTable } from './table.ts'

/**
 * What identifies an outlet: signatures matched against the header and removed boilerplate (never the
 * body, which may merely cite the outlet), and the outlet's own footers, tried at the end of the text.
 */
export const OutletProfile = RuleBase.extend({
  outlet: z.string().min(1),
  signatures: z.array(Pattern).min(1),
  footers: z.array(Pattern),
})
export type OutletProfile = z.infer<typeof OutletProfile>

/** Known outlets. */
export const outletProfiles = ruleTable('outletProfiles', OutletProfile, [
  {
    id: 'wsws',
    outlet: 'World Socialist Web Site',
    signatures: [/\bwsws\.org\b/i, /\bto contact the WSWS?\b/i],
    footers: [/^To contact the WSWS? and the Socialist Equality Party,? visit:?$/i],
    reason: 'The World Socialist Web Site ends articles with a contact line naming wsws.org.',
  },
  {
    id: 'us-resist-news',
    outlet: 'U.S. Resist News',
    signatures: [/\bU\.S\. Resist (?:News|Democracy)\b/],
    footers: [],
    reason: 'U.S. Resist News ends articles with an appeal naming its newsletter.',
  },
])

/** The closing rules of the outlets' footers, one per footer pattern (`wsws-footer`, `wsws-footer-2`): what the tail removes and the rule list documents. */
export const outletFooterRules: TailRule[] = outletProfiles.flatMap((profile) =>
  profile.footers.map(
    (pattern, i): TailRule => ({
      id: `${profile.id}-footer${i === 0 ? '' : `-${i + 1}`}`,
      kind: 'span',
      pattern,
      reason: `${profile.reason} Outlet: ${profile.outlet}.`,
    }),
  ),
)
