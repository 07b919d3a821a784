import { isScalar, visit, type Scalar } from 'yaml';
import { type MeshDiagnostic, Severity } from './diagnostic';
import type { YamlDocument } from './parseYaml';

// YAML 1.1 readers (PyYAML, used by datacontract-cli, and many older tools) read these plain words as
// booleans. The spec also lists y/n, but PyYAML does not, and `unit: y` (years) is common in contracts.
const YAML11_BOOLEAN = /^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/;
const YAML11_TRUE = /^(?:yes|on)$/i;
// A lossy decimal only matters where the text is meant, as in a version: a price of 5000.00 is fine.
const VERSION_KEY = /version$/i;
const LEADING_ZERO = /^[-+]?0\d+$/;
const LOSSY_DECIMAL = /^[-+]?\d+\.\d*0$/;
const SEXAGESIMAL = /^\d+(?::[0-5]?\d)+$/;

/**
 * Warns about plain scalars that mean different things to different YAML readers, or lose
 * characters when read: `version: 1.10`, `country: NO`, `id: 0123`, `time: 1:20`.
 * `booleanWords` is off for our own formats, which only our YAML 1.2 tools read (`severity: off`).
 */
export function findYaml11Traps(doc: YamlDocument, text: string, booleanWords: boolean): MeshDiagnostic[] {
  const found: MeshDiagnostic[] = [];
  visit(doc, {
    Pair(_key, pair) {
      const value = pair.value;
      if (isScalar(value)) check(value as Scalar, isScalar(pair.key) && VERSION_KEY.test(String(pair.key.value)));
    },
    Seq(_key, seq) {
      for (const item of seq.items) if (isScalar(item)) check(item as Scalar, false);
    },
  });
  return found;

  function check(node: Scalar, isVersion: boolean): void {
    if (node.type !== 'PLAIN' || !node.range) return;
    const [start, end] = node.range;
    const source = text.slice(start, end);
    const message = describeTrap(source, node.value, isVersion, booleanWords);
    if (message) found.push({ start, end, severity: Severity.Warning, code: 'yaml/ambiguous-scalar', message, source: 'YAML' });
  }
}

function describeTrap(source: string, value: unknown, isVersion: boolean, booleanWords: boolean): string | undefined {
  if (typeof value === 'number') {
    if (LEADING_ZERO.test(source))
      return `${source} has a leading zero: this parser reads the number ${value}, YAML 1.1 tools read an octal number. Quote it ('${source}') if it is an identifier or a code.`;
    if (isVersion && LOSSY_DECIMAL.test(source))
      return `${source} is read as the number ${value}, so the trailing zero is lost. Quote it ('${source}') to keep the version as written.`;
    return undefined;
  }
  if (typeof value === 'string') {
    if (booleanWords && YAML11_BOOLEAN.test(source)) {
      const bool = YAML11_TRUE.test(source) ? 'true' : 'false';
      return `'${source}' is the boolean ${bool} in YAML 1.1 (PyYAML and many other tools) but text here. Quote it ('${source}') to keep the text, or write ${bool}.`;
    }
    if (SEXAGESIMAL.test(source))
      return `${source} is a base-60 number in YAML 1.1 tools but text here. Quote it ('${source}') to keep it as text.`;
  }
  return undefined;
}

// What a plain scalar may be read as other than text, by a YAML 1.2 (core schema) or a YAML 1.1 reader.
// Broader than the warnings above on purpose: quoting a new value costs nothing, so y/n and any
// letter case count too.
const NOT_TEXT = [
  /^(?:y|n|yes|no|true|false|on|off)$/i, // booleans
  /^(?:null|~|)$/i, // null, and the empty value
  /^[-+]?(?:0b[01_]+|0o[0-7]+|0x[\da-f_]+|\d[\d_]*)$/i, // integers: binary, octal, hex, decimal (1.1 allows _)
  /^[-+]?\d[\d_]*(?::[0-5]?\d)+(?:\.[\d_]*)?$/, // YAML 1.1 base 60: 1:20, 190:20:30.15
  /^(?=[-+]?\.?\d)[-+]?(?:\d[\d_]*)?\.[\d._]*(?:e[-+]?\d+)?$/i, // floats as the YAML 1.1 spec writes them (1.2.3 too)
  /^[-+]?\d+e[-+]?\d+$/i, // YAML 1.2 floats without a point: 1e3
  /^[-+]?\.(?:inf|nan)$/i,
  /^\d{4}-\d\d?-\d\d?(?:(?:t|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:z|[-+]\d\d?(?::\d\d)?))?)?$/i, // dates, timestamps
  /^(?:<<|=)$/, // YAML 1.1 merge and value keys
];
// Text that is no valid plain scalar, or not the same one, in a block or a flow collection.
const NOT_PLAIN = [/^\s|\s$/, /:\s|:$|\s#/, /^[-?:,[\]{}#&*!|>'"%@`]/, /[,[\]{}]/, /[\n\r\t]/];

/** Whether text written as a plain scalar would not be read back as that same string by every YAML reader. */
export function needsQuotes(text: string): boolean {
  return readsAsOtherThanText(text) || NOT_PLAIN.some((pattern) => pattern.test(text));
}

/** Whether a YAML 1.2 or 1.1 reader may take this plain text for a boolean, null, number or date. */
export function readsAsOtherThanText(text: string): boolean {
  return NOT_TEXT.some((pattern) => pattern.test(text));
}
