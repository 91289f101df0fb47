import { stringify } from 'yaml'
import type { DatasetInfo } from './dataset.ts'

/** CITATION.cff (Citation File Format 1.2.0) for the dataset release. */
export function citationFile(info: DatasetInfo, released: string): string {
  const cff = {
    'cff-version': '1.2.0',
    message: `If you use this dataset, please cite version ${info.version} as below.`,
    type: 'dataset',
    title: info.title,
    abstract: info.description,
    version: info.version,
    'date-released': released,
    authors: info.creators.map((c) => ({ name: c.name })),
    ...(info.repository === undefined ? {} : { 'repository-code': info.repository }),
    keywords: info.keywords,
  }
  return stringify(cff, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 })
}

/** A one-line citation, as the card and Croissant's citeAs give it. */
export function citationText(info: DatasetInfo, released: string): string {
  return `${info.creators.map((c) => c.name).join(', ')} (${released.slice(0, 4)}). ${info.title} (version ${info.version}) [Data set].${info.repository === undefined ? '' : ` ${info.repository}`}`
}
