import type { z } from 'astro/zod';
import { describeValue, messages, type Message } from '../messages.ts';
import { closest, formatFieldPath, type Issue } from '../diagnostics/index.ts';
import { schemeTypoFix } from '../link-policy.ts';
import { slugPattern } from '../schemas/common.ts';
import type { ParsedSource } from './source.ts';

type Schema = z.ZodType;
type ZodIssue = z.core.$ZodIssue;

interface SchemaDef {
  type: string;
  shape?: Record<string, Schema>;
  element?: Schema;
  innerType?: Schema;
  in?: Schema;
  out?: Schema;
  valueType?: Schema;
  options?: Schema[];
  discriminator?: string;
  values?: unknown[];
}

const defOf = (schema: Schema): SchemaDef => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** Unwraps optional/default/pipe wrappers down to the schema that describes the value's shape. */
function unwrap(schema: Schema): Schema {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.innerType !== undefined) current = def.innerType;
    else if (def.type === 'pipe' && def.in !== undefined && def.out !== undefined) {
      current = defOf(def.in).type === 'transform' ? def.out : def.in;
    } else return current;
  }
}

/** The object schemas that may describe the value at `path` (a union offers several). */
function objectSchemasAt(root: Schema, path: readonly PropertyKey[], data: unknown): Schema[] {
  let candidates = [unwrap(root)];
  let value = data;
  const expand = (schemas: Schema[]): Schema[] =>
    schemas.flatMap((schema) => {
      const def = defOf(schema);
      if (def.type !== 'union' || def.options === undefined) return [schema];
      const options = def.options.map(unwrap);
      const kind = def.discriminator !== undefined && isRecord(value) ? value[def.discriminator] : undefined;
      const matching = options.filter((option) => {
        const discriminant = def.discriminator === undefined ? undefined : defOf(option).shape?.[def.discriminator];
        return discriminant !== undefined && defOf(unwrap(discriminant)).values?.includes(kind);
      });
      return matching.length > 0 ? matching : options;
    });
  for (const segment of path) {
    candidates = expand(candidates).flatMap((schema) => {
      const def = defOf(schema);
      if (def.type === 'object' && typeof segment === 'string' && def.shape?.[segment] !== undefined) return [unwrap(def.shape[segment])];
      if (def.type === 'array' && typeof segment === 'number' && def.element !== undefined) return [unwrap(def.element)];
      if (def.type === 'record' && def.valueType !== undefined) return [unwrap(def.valueType)];
      return [];
    });
    value = isRecord(value) || Array.isArray(value) ? (value as Record<PropertyKey, unknown>)[segment as string] : undefined;
  }
  return expand(candidates).filter((schema) => defOf(schema).type === 'object');
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const segment of path) {
    if (!isRecord(value) && !Array.isArray(value)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment as string];
  }
  return value;
}

const expectedNames: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list (lines starting with "- ")',
  object: 'a set of fields ("name: value" lines)',
  record: 'a set of fields ("name: value" lines)',
  date: 'a date',
};

/** What a field with a fixed pattern expects, by field name, for "expected ..., found ...". */
const patternExpectations: Record<string, string> = {
  ogpId: 'OGP\'s id for the commitment: 2 to 4 capital letters then 3 to 5 digits, e.g. "FRA0034"',
};

/** What the items of a list at `field` are called, for "needs at least 1 ...". */
function itemName(field: string): string {
  const names: Record<string, string> = {
    keyTakeaways: 'key takeaway',
    statusQuo: 'point',
    membersDoing: 'point',
    notableCommitments: 'commitment id',
    groups: 'recommendation group',
    items: 'recommendation',
    policyAreas: 'policy area',
    definitions: 'definition',
    charts: 'chart',
  };
  return names[field] ?? 'item';
}

/** The field names an object at `path` may have. */
function allowedKeysAt(schema: Schema, path: readonly PropertyKey[], data: unknown): string[] {
  return [...new Set(objectSchemasAt(schema, path, data).flatMap((object) => Object.keys(defOf(object).shape ?? {})))];
}

/** Turns one Zod issue into messages (an unknown-keys issue yields one per key). */
function describe(issue: ZodIssue, schema: Schema, data: unknown): { path: PropertyKey[]; part: 'key' | 'value'; message: Message }[] {
  const path = [...issue.path];
  const input = valueAt(data, path);
  const field = String(path.at(-1) ?? '');
  const one = (message: Message, part: 'key' | 'value' = 'value') => [{ path, part, message }];
  switch (issue.code) {
    case 'invalid_type': {
      const expected = expectedNames[issue.expected] ?? issue.expected;
      if (input === undefined) return one(messages.missingField(field, expected), 'key');
      // "- Parliaments: where laws are made": an unquoted ": " made the text a one-field set.
      const [key, ...more] = typeof input === 'object' && input !== null && !Array.isArray(input) ? Object.keys(input) : [];
      if (issue.expected === 'string' && key !== undefined && more.length === 0)
        return one(messages.textReadAsField(expected, key));
      return one(messages.wrongType(expected, describeValue(input)));
    }
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(schema, path, data);
      return issue.keys.map((key) => ({
        path: [...path, key],
        part: 'key' as const,
        message: messages.unknownKey(key, closest(key, allowed), allowed),
      }));
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      const found = typeof input === 'string' ? closest(input, options) : undefined;
      return one(messages.notOneOf(options, describeValue(input), found));
    }
    case 'invalid_union': {
      // A discriminated union (charts) with an unknown `kind`: list the kinds there are.
      const key = 'discriminator' in issue && issue.discriminator !== undefined ? String(issue.discriminator) : undefined;
      if (key === undefined) return one(messages.invalidValue(issue.message));
      const objectPath = path.at(-1) === key ? path.slice(0, -1) : path;
      const object = valueAt(data, objectPath);
      const options = objectSchemasAt(schema, objectPath, { ...(isRecord(object) ? object : {}), [key]: undefined })
        .map((option) => defOf(unwrap(defOf(option).shape?.[key] ?? option)).values?.[0])
        .filter((value): value is string => typeof value === 'string');
      const kind = isRecord(object) ? object[key] : undefined;
      const suggestion = typeof kind === 'string' ? closest(kind, options) : undefined;
      return [{ path: [...objectPath, key], part: kind === undefined ? 'key' : 'value', message: kind === undefined ? messages.missingField(key, `one of ${options.map((option) => JSON.stringify(option)).join(', ')}`) : messages.notOneOf(options, describeValue(kind), suggestion) }];
    }
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'array') {
        const actual = Array.isArray(input) ? input.length : 0;
        return one(actual === 0 ? messages.emptyList(minimum, itemName(field)) : messages.tooFew(minimum, actual, itemName(field)));
      }
      if (issue.origin === 'string') {
        return one(typeof input === 'string' && input.trim() !== '' ? messages.textTooShort(minimum, input.trim().length) : messages.emptyText());
      }
      return one(messages.numberOutOfRange(`a number of at least ${minimum}`, describeValue(input)));
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'array') return one(messages.tooMany(maximum, Array.isArray(input) ? input.length : 0, itemName(field)));
      if (issue.origin === 'string') return one(messages.textTooLong(maximum, typeof input === 'string' ? input.trim().length : 0));
      return one(messages.numberOutOfRange(`a number of at most ${maximum}`, describeValue(input)));
    }
    case 'invalid_format': {
      const found = describeValue(input);
      if (issue.format === 'date') return one(messages.invalidDate(found));
      if (issue.format === 'url') return one(messages.invalidUrl(found, typeof input === 'string' ? schemeTypoFix(input.trim()) : undefined));
      if (issue.format === 'regex' && 'pattern' in issue && issue.pattern === String(slugPattern)) return one(messages.invalidSlug(found));
      const expected = patternExpectations[field];
      if (expected !== undefined) return one(messages.wrongType(expected, found));
      return one(messages.invalidValue(`${found} does not have the form this field needs`));
    }
    case 'custom': {
      const params = (issue.params ?? {}) as Record<string, string>;
      switch (params['rule']) {
        case 'unsafeLink':
        case 'emptyLink':
        case 'insecureLink':
        case 'malformedLink':
          return one(
            messages.linkProblem(params['rule'], params['href'] ?? '', params['text'] ?? '', params['suggestion'], params['previewPath']),
          );
        case 'dataFile':
          return one(messages.chartDataFileName(describeValue(input)));
        case 'specFile':
          return one(messages.chartSpecFileName(describeValue(input)));
        case 'invisibleCharacter':
          return one(messages.invisibleCharacter(params['described'] ?? ''));
        case 'localNeedsCountry':
          return one(messages.missingField('country', 'the country of a local member, e.g. "Argentina"'), 'key');
        default:
          return one(messages.invalidValue(issue.message));
      }
    }
    default:
      return one(messages.invalidValue(issue.message));
  }
}

/** Validates parsed data against a schema; returns the data or located, readable issues. */
export function validateSource<S extends Schema>(
  source: ParsedSource,
  schema: S,
): { ok: true; data: z.output<S> } | { ok: false; issues: Issue[] } {
  const result = schema.safeParse(source.data);
  if (result.success) return { ok: true, data: result.data };
  const seen = new Set<string>();
  const issues: Issue[] = [];
  // quality: a value of the wrong type also fails length checks meant for the right type (a text
  // instead of a list is "too long"); report only the wrong type.
  const mistyped = new Set(result.error.issues.filter((i) => i.code === 'invalid_type').map((i) => formatFieldPath(i.path)));
  const described = result.error.issues
    .filter((zodIssue) => !((zodIssue.code === 'too_big' || zodIssue.code === 'too_small') && mistyped.has(formatFieldPath(zodIssue.path))))
    .flatMap((zodIssue) => describe(zodIssue, schema, source.data).map((item) => ({ ...item, code: zodIssue.code })));
  // A misspelt key ("tilte") also leaves its field missing ("title"): the unknown-key
  // message already says "did you mean title?", so the missing-field one is left out.
  const misspelt = new Set(
    described
      .filter((item) => item.code === 'unrecognized_keys')
      .map((item) => {
        const suggestion = closest(String(item.path.at(-1)), allowedKeysAt(schema, item.path.slice(0, -1), source.data));
        return suggestion === undefined ? '' : formatFieldPath([...item.path.slice(0, -1), suggestion]);
      }),
  );
  for (const { path, part, message, code } of described) {
    if (code === 'invalid_type' && part === 'key' && misspelt.has(formatFieldPath(path))) continue;
    // Zod can report one mistake twice (a URL failing both its protocol and hostname test).
    const key = `${formatFieldPath(path)}|${message.problem}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // A link's problem points at the link itself, even deep inside a multi-line text.
    const href = linkOf(result.error.issues, path, message);
    const position = (href === undefined ? undefined : source.find(path, href)) ?? source.locate(path, part);
    issues.push({ file: source.file, ...position, field: formatFieldPath(path), ...message, severity: 'error' });
  }
  return { ok: false, issues };
}

/** The link target a link problem at `path` is about (Zod keeps it in the issue's params). */
function linkOf(zodIssues: readonly ZodIssue[], path: readonly PropertyKey[], message: Message): string | undefined {
  const key = formatFieldPath(path);
  for (const zodIssue of zodIssues) {
    if (zodIssue.code !== 'custom' || formatFieldPath(zodIssue.path) !== key) continue;
    const params = (zodIssue.params ?? {}) as Record<string, string>;
    const href = params['href'];
    if (href !== undefined && href !== '' && message.problem.includes(JSON.stringify(href))) return href;
  }
  return undefined;
}
