/**
 * What the installed Vega-Lite accepts, read from the JSON Schema it ships
 * (vega-lite/vega-lite-schema.json), never a hand-kept list: mark types, encoding channels,
 * data types, and the properties a view, a mark definition and each channel's definition may
 * have. A Vega-Lite upgrade that adds a channel (e.g. `time` in 6) is known at once.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface SchemaNode {
  $ref?: string;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  items?: SchemaNode | SchemaNode[];
  properties?: Record<string, SchemaNode>;
  enum?: unknown[];
  const?: unknown;
}

interface Schema {
  definitions: Record<string, SchemaNode>;
}

/** Vega-Lite's vocabulary, from its schema. */
export interface VegaLiteVocabulary {
  /** Mark types, primitive then composite (boxplot, errorbar, errorband). */
  marks: string[];
  /** Encoding channels, including facet channels (row, column, facet). */
  channels: string[];
  /** Data types of an encoding (quantitative, ordinal, temporal, nominal, geojson). */
  types: string[];
  /** Keys a view may have at any level (unit, layer, facet, repeat, concat, top level). */
  viewKeys: Set<string>;
  /** Keys a mark definition (`mark: {type: ...}`) may have, for any mark type. */
  markKeys: Set<string>;
  /** Keys each channel's definition may have (field, type, scale, axis, condition, ...). */
  channelKeys: Map<string, Set<string>>;
}

let vocabulary: VegaLiteVocabulary | undefined;

/** Reads the schema once per process (it is about 2 MB, so only when a spec is checked). */
export function vegaLiteVocabulary(): VegaLiteVocabulary {
  vocabulary ??= fromSchema(
    JSON.parse(
      readFileSync(createRequire(import.meta.url).resolve('vega-lite/vega-lite-schema.json'), 'utf8'),
    ) as Schema,
  );
  return vocabulary;
}

export function fromSchema(schema: Schema): VegaLiteVocabulary {
  const defs = schema.definitions;
  const def = (name: string): SchemaNode => defs[name] ?? {};
  /** The property names a node allows: its own, and those of every alternative it refers to. */
  const keysOf = (node: SchemaNode, seen = new Set<SchemaNode>()): Set<string> => {
    const keys = new Set<string>();
    const walk = (n: SchemaNode | undefined): void => {
      if (n === undefined || seen.has(n)) return;
      seen.add(n);
      if (n.$ref) walk(def(n.$ref.replace('#/definitions/', '')));
      for (const key of Object.keys(n.properties ?? {})) keys.add(key);
      for (const alt of [...(n.anyOf ?? []), ...(n.oneOf ?? []), ...(n.allOf ?? [])]) walk(alt);
      for (const item of [n.items ?? []].flat()) walk(item);
    };
    walk(node);
    return keys;
  };
  const strings = (values: unknown[] | undefined): string[] =>
    (values ?? []).filter((v): v is string => typeof v === 'string');
  const composite = (def('CompositeMark').anyOf ?? []).map((alt) => keysConst(alt, def)).flat();
  const channels = Object.keys(def('FacetedEncoding').properties ?? {});
  return {
    marks: [...strings(def('Mark').enum), ...composite],
    channels,
    types: strings(def('Type').enum),
    viewKeys: keysOf(def('TopLevelSpec')),
    markKeys: keysOf({ anyOf: [def('MarkDef'), def('CompositeMarkDef')] }),
    channelKeys: new Map(
      channels.map((channel) => [channel, keysOf(def('FacetedEncoding').properties?.[channel] ?? {})]),
    ),
  };
}

/** The constant of a `{const: ...}` node, following one $ref. */
function keysConst(node: SchemaNode, def: (name: string) => SchemaNode): string[] {
  const target = node.$ref ? def(node.$ref.replace('#/definitions/', '')) : node;
  return typeof target.const === 'string' ? [target.const] : [];
}
