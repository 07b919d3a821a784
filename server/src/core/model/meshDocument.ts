import { detectKind, type DocumentKind, kindOfUnreadText } from './documentKind';
import { parseYaml, type ParsedYaml, type YamlDocument } from './parseYaml';
import type { SourceText } from './sourceText';

/** One YAML document of a file that follows a standard we know. */
export interface MeshPart {
  doc: YamlDocument;
  kind: DocumentKind;
}

/**
 * A file as the language service sees it: its text, its YAML parse and the parts we recognise.
 * Built once per document version and shared by every feature; it is its own `SourceText`.
 */
export interface MeshDocument extends SourceText {
  fileName: string;
  text: string;
  yaml: ParsedYaml;
  parts: MeshPart[];
}

export function analyzeDocument(text: string, fileName: string): MeshDocument {
  const yaml = parseYaml(text);
  if (yaml.unread) {
    // A text refused before parsing is recognised from its lines; it has no content to check.
    const kind = kindOfUnreadText(text, fileName);
    const unread: MeshDocument = { fileName, text, yaml, parts: kind ? [{ doc: yaml.documents[0]!, kind }] : [], hasTree: true, tree: () => unread };
    return unread;
  }
  const parts: MeshPart[] = [];
  for (const doc of yaml.documents) {
    const kind = detectKind(doc, text, fileName);
    if (kind) parts.push({ doc, kind });
  }
  const document: MeshDocument = { fileName, text, yaml, parts, hasTree: true, tree: () => document };
  return document;
}

/** Whether the file is part of a data mesh at all; other YAML gets nothing from us. */
export function isMeshDocument(document: MeshDocument): boolean {
  return document.parts.length > 0;
}
