import { stringify } from 'yaml'
import { annotationTables, tables, type Document } from '../../schemas/index.ts'
import { dataDictionary } from './dictionary.ts'
import { citationText } from './citation.ts'
import type { DatasetInfo } from './dataset.ts'

/** The Hugging Face size category of a number of records. */
function sizeCategory(n: number): string {
  const steps: [number, string][] = [
    [1e3, 'n<1K'],
    [1e4, '1K<n<10K'],
    [1e5, '10K<n<100K'],
    [1e6, '100K<n<1M'],
  ]
  return steps.find(([limit]) => n < limit)?.[1] ?? 'n>1M'
}

/** Corpus statistics for the card, gathered one document at a time: documents per outlet, sizes, dates. */
export class CorpusStats {
  documents = 0
  paragraphs = 0
  words = 0
  undated = 0
  first: string | null = null
  last: string | null = null
  readonly outlets = new Map<string, number>()
  readonly languages = new Set<string>()

  add(document: Document, paragraphs: number): void {
    this.documents += 1
    this.paragraphs += paragraphs
    this.words += document.n_words
    const outlet = document.outlet ?? '(not stated)'
    this.outlets.set(outlet, (this.outlets.get(outlet) ?? 0) + 1)
    this.languages.add(document.language)
    const date = document.published
    if (date === null) this.undated += 1
    else {
      if (this.first === null || date < this.first) this.first = date
      if (this.last === null || date > this.last) this.last = date
    }
  }

  /** The statistics as the card's Markdown. */
  markdown(): string {
    return [
      `- Documents: ${this.documents}; paragraphs and headings: ${this.paragraphs}; words: ${this.words}.`,
      `- Publication dates: ${this.first !== null ? `${this.first} to ${this.last}` : 'none stated'} (${this.undated} undated).`,
      '',
      '| outlet | documents |',
      '|---|---|',
      ...[...this.outlets].sort(([a], [b]) => (a < b ? -1 : 1)).map(([outlet, n]) => `| ${outlet} | ${n} |`),
    ].join('\n')
  }
}

/** The dataset card (dist/README.md): Hugging Face front matter, then the sections of Datasheets for Datasets. */
export function datasetCard(
  info: DatasetInfo,
  released: string,
  stats: CorpusStats,
  names: readonly (keyof typeof tables)[] = Object.keys(tables) as (keyof typeof tables)[],
  empty: ReadonlySet<string> = new Set(),
): string {
  const specs = names.map((name) => tables[name])
  const leftOut = annotationTables.filter((name) => !names.includes(name))
  const front = {
    pretty_name: info.title,
    license: info.license,
    license_name: info.license_name,
    language: [...stats.languages].sort(),
    size_categories: [sizeCategory(stats.documents)],
    tags: info.keywords,
    // A table without rows is no config: `datasets` cannot load an empty split (its files still hold its columns).
    configs: specs
      .filter((spec) => !empty.has(spec.name))
      .map((spec, i) => ({
        config_name: spec.name,
        data_files: [{ split: 'train', path: `${spec.name}.jsonl` }],
        ...(i === 0 ? { default: true } : {}),
      })),
  }
  const loaders = specs.map((spec) => `${spec.name} = pd.read_feather("${spec.name}.arrow")`).join('\n')
  return `---
${stringify(front, { lineWidth: 0 })}---

# ${info.title}

Version ${info.version}, released ${released}. ${info.description}

## Motivation

Built so that researchers can compare how outlets covered one event: who wrote what and when, which
publications each article cites, whom it quotes, which figures it reports, and where outlets repeat one
another, with every value traceable to the raw file it came from.

## Composition

${stats.markdown()}

Each article is one row of \`documents\`; its body is split into \`paragraphs\` (and section headings), with
\`sentences\`, \`quotes\`, \`entities\`, \`numbers\` and cross-document \`reuse\` as tables of their own, and
\`changes\` recording every edit the pipeline made to the raw text.${leftOut.length === 0 ? '' : ` This release was built without ${leftOut.map((t) => `\`${t}\``).join(', ')} (\`--annotate\`): ${leftOut.length === 1 ? 'that table is' : 'those tables are'} not in it.`}${empty.size === 0 ? '' : ` ${[...empty].map((t) => `\`${t}\``).join(', ')} ${empty.size === 1 ? 'has' : 'have'} no rows in this release: ${empty.size === 1 ? 'its files hold its columns, and it is' : 'their files hold their columns, and they are'} not declared as a config above (\`datasets\` cannot load an empty split).`}

## Collection process

Articles were saved from the web as plain text, as they appeared (titles, bylines and dates in varied forms,
light Markdown, outlet footers and appeals, page breaks), or as the saved pages themselves (\`.html\`), and
are kept byte for byte in the source repository's \`raw/\` folder; \`manifest.json\` lists the sha256 of each.

## Preprocessing

The pipeline normalises white space, reads the header (title, byline, date), removes outlet furniture
(footers, appeals, photo credits, separators, licence text, page headers) by named rules, joins sentences
cut by page breaks and hard wraps, and splits the body into paragraphs. Every removal, join, header
extraction and normalisation is a row of \`changes\`, with its rule and raw lines; a conservation audit
checks that every word of a raw file is in a paragraph, a header field or a change. Named entities come
from compromise (a rule-based English tagger), for articles in English only (and those too short for their
language to be told), and are a first pass, not a gold standard.

## How accurate the annotations are

| table | how it is made | accuracy | measured with |
|---|---|---|---|
| \`entities\` | compromise's guess (persons, places, organisations) | on the CoNLL-2003 English test set, exact-span F1 0.49: persons 0.50, places 0.66, organisations 0.20. Count entities with care; read the names | \`npx tsx eval/entities-conll.ts eng.testb\` (the data is licensed and not shipped) |
| \`sentences\` | Intl.Segmenter (Unicode sentence boundaries) with abbreviation fixes | not measured against a gold here | – |
| \`quotes\`, \`numbers\` | rules: quotation marks and a verb of saying; numbers in digits and the words after them | not measured against a gold here | – |
| \`reuse\`, \`near_copies\` | exact: every passage of 8 words or more two documents share | exact by construction (words compared in lower case) | \`test/annotations.test.ts\` |
| \`paragraphs\`, \`changes\` | the cleaning and splitting stages | paragraph boundaries and headers on real and generated articles: see the source repository's README | \`make eval\` |

## Uses

Meant for non-commercial research and teaching: media and discourse analysis, outlet comparison,
quotation and text-reuse studies. Not suited to training generative models on the publishers' text, nor
to any republication of the articles.

## Distribution

${info.license_note}

Every table is given as CSV (RFC 4180, UTF-8, CRLF), JSON Lines and an Arrow IPC file, with the same rows;
\`datapackage.json\` (Frictionless Data Package 2.0), \`croissant.json\` (MLCommons Croissant 1.0) and
\`schemas/*.json\` (JSON Schema) describe them, and \`manifest.json\` gives each file's size, sha256 and rows.
\`messages.jsonl\` holds every warning and error the build reported (file, line, rule, reason) and
\`rejects.jsonl\` the inputs left out. \`review/index.html\` opens a static site that shows, article by
article, the raw file beside the result, with every removal, join and header field labelled.

## Maintenance

Versions follow semantic versioning (major: a column removed or changed in meaning; minor: documents or
columns added; patch: cleaning fixes that change text). The repository's CHANGELOG.md says what changed.
A version published with \`make release\` is an annotated git tag \`v<version>\` and a reproducible archive;
whatever copy you hold, \`manifest.json\` gives the sha256 of every file, so its bytes can be checked.

## Data dictionary

Nulls are empty cells in CSV and \`null\` in JSON Lines; list and struct columns are JSON in CSV cells.

${dataDictionary()}

## How to load

\`\`\`python
import pandas as pd
${loaders}

import polars as pl
paragraphs = pl.read_ipc("paragraphs.arrow")

from datasets import load_dataset
paragraphs = load_dataset("path/to/this/folder", "paragraphs", split="train")
\`\`\`

## How to cite

${citationText(info, released)}

The repository's \`CITATION.cff\` has the same in Citation File Format.
`
}
