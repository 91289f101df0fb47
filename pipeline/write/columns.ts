import { z } from 'zod'
import type { TableSpec } from '../../schemas/index.ts'

/** The type of one column, read from the JSON Schema that zod derives from a table schema. */
export type ColumnType =
  | { kind: 'string'; enum?: string[] }
  | { kind: 'integer' }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'date' }
  | { kind: 'list'; items: ColumnType }
  | { kind: 'struct'; fields: Column[] }

/** One column of a table: name, type, nullability and description, all from the zod schema. */
export interface Column {
  name: string
  type: ColumnType
  nullable: boolean
  description: string
}

interface JsonSchema {
  type?: string | string[]
  format?: string
  enum?: string[]
  anyOf?: JsonSchema[]
  items?: JsonSchema
  properties?: Record<string, JsonSchema>
  description?: string
}

/** Derives the columns of a table from its zod schema, in declaration order. */
export function columnsOf(spec: Pick<TableSpec, 'schema'>): Column[] {
  return fieldsOf(z.toJSONSchema(spec.schema) as JsonSchema)
}

function fieldsOf(schema: JsonSchema): Column[] {
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    // zod writes a plain nullable type as `type: [T, "null"]`, and one with checks as `anyOf`.
    const types = Array.isArray(property.type) ? property.type.map((type) => ({ ...property, type })) : undefined
    const options = property.anyOf ?? types ?? [property]
    const value = options.find((o) => o.type !== 'null')
    if (value === undefined) throw new Error(`Cannot derive a column type for ${name}, expected a non-null type`)
    return {
      name,
      type: typeOf(name, value),
      nullable: options.some((o) => o.type === 'null'),
      description: property.description ?? value.description ?? '',
    }
  })
}

function typeOf(name: string, schema: JsonSchema): ColumnType {
  switch (schema.type) {
    case 'string':
      if (schema.format === 'date') return { kind: 'date' }
      return schema.enum ? { kind: 'string', enum: schema.enum } : { kind: 'string' }
    case 'integer':
      return { kind: 'integer' }
    case 'number':
      return { kind: 'number' }
    case 'boolean':
      return { kind: 'boolean' }
    case 'array':
      if (schema.items === undefined) throw new Error(`Cannot derive a list type for ${name}, expected items`)
      return { kind: 'list', items: typeOf(name, schema.items) }
    case 'object':
      return { kind: 'struct', fields: fieldsOf(schema) }
    default:
      throw new Error(`Cannot derive a column type for ${name} from JSON Schema type ${String(schema.type)}`)
  }
}

/** Names a column type the way the README's data dictionary does (`list<string>`, `date`, ...). */
export function typeName(type: ColumnType): string {
  if (type.kind === 'list') return `list<${typeName(type.items)}>`
  if (type.kind === 'struct') return `struct<${type.fields.map((f) => `${f.name}: ${typeName(f.type)}`).join(', ')}>`
  return type.kind
}
