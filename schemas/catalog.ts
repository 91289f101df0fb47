import { z } from 'zod'

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === undefined ? null : v), schema.nullable())

/** One row of raw/catalog.csv: what a curator knows of a file that its text may not say. All but `file` optional. */
export const CatalogRow = z.object({
  file: z
    .string()
    .regex(/^[^/\\]+\.txt$/, 'expected a file name inside raw/, such as 007_example.txt')
    .describe('The raw file the row describes, by name (no folder).'),
  outlet: optional(z.string()).describe('Publishing outlet.'),
  url: optional(z.string().url()).describe('Address the article was saved from.'),
  author: optional(z.string()).describe('Authors, separated by `;`.'),
  published: optional(z.iso.date()).describe('Publication date, ISO 8601.'),
  language: optional(z.string().regex(/^[a-z]{2,3}$/)).describe('ISO 639-1 language code.'),
  licence: optional(z.string()).describe('Licence or rights note.'),
})
export type CatalogRow = z.infer<typeof CatalogRow>
