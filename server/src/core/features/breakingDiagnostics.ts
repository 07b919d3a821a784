import { type MeshDiagnostic, Severity } from '../model/diagnostic';
import type { SourceText } from '../model/sourceText';
import type { Mesh } from '../lineage/mesh';
import { type BaseVersion, type ChangeReport, compareWithBase, consumerName, readBase } from '../governance/breakingChanges';
import { linkTo, type RuleDocs } from '../governance/catalogue';
import { isData } from '../workspace/facts/factBuilder';
import { type DocumentSource, FactLocator } from '../workspace/locateFacts';
import type { Path } from '../workspace/meshFacts';
import { type MeshLocation, nameLocation } from '../workspace/targetAt';

export const BREAKING_SOURCE = 'Data Mesh breaking change';
export const BREAKING_PREFIX = 'breaking/';
// Where the checks are documented: the edge's LSP `codeDescription`, SARIF's helpUri.
// Each consumer's place is looked up in its file; beyond this many per finding the message names them alone.
const MAX_RELATED = 10;

/** The text of a file at the base the editor or CI compares with, and how to name that base (`HEAD`, `origin/main`). */
export interface BaseText {
  ref: string;
  text: string;
}

/** A version of a contract or product, as `diagnose` asks about it. */
export interface ComparedFile {
  uri: string;
  fileName: string;
  source: SourceText;
  documents(): { docIndex: number; standard: string; data: unknown }[];
}

interface Base {
  ref: string;
  text: string;
  read?: BaseVersion;
}

interface Compared {
  base: Base;
  generation: number;
  report: ChangeReport | undefined;
  findings?: MeshDiagnostic[];
}

/**
 * The breaking changes of open contracts and products against their base (a git commit the caller
 * read): the base is parsed once per base text, and each version of a file is compared once per state
 * of the index (consumers come from the lineage graph), so `diagnose` after an edit pays a comparison
 * of plain data, not a parse. Pure: the caller gives the base texts.
 */
export class BaseComparisons {
  private readonly bases = new Map<string, Base>();
  private readonly compared = new WeakMap<SourceText, Compared>();
  // Where a consumer is named, by its index entry: a consumer's file read again brings new entries, so
  // a file with a breaking change does not read its consumers' files again on every keystroke.
  private readonly consumerPlaces = new WeakMap<object, MeshLocation | null>();

  constructor(
    private readonly mesh: Mesh,
    private readonly others: DocumentSource,
    /** Where the caller keeps the pages; the breaking checks share one, `breaking/changes`. */
    private readonly ruleDocs: RuleDocs = () => undefined,
  ) {}

  /** The file's text at the base; undefined: no base (a new file, no repository, the feature off). */
  set(uri: string, base: BaseText | undefined): void {
    const known = this.bases.get(uri);
    if (!base) this.bases.delete(uri);
    else if (known?.text !== base.text || known.ref !== base.ref) this.bases.set(uri, { ref: base.ref, text: base.text });
  }

  has(uri: string): boolean {
    return this.bases.has(uri);
  }

  /** What this version of the file breaks, or undefined without a base or when it is not one contract or product. */
  report(file: ComparedFile): ChangeReport | undefined {
    return this.comparison(file)?.report;
  }

  /** Each breaking change as a finding: a warning, or information when the major version grew (intended). */
  diagnostics(file: ComparedFile): MeshDiagnostic[] {
    const compared = this.comparison(file);
    if (!compared?.report || compared.report.changes.length === 0) return [];
    compared.findings ??= this.place(file.source, compared.base.ref, compared.report);
    return compared.findings;
  }

  private comparison(file: ComparedFile): Compared | undefined {
    const base = this.bases.get(file.uri);
    if (!base) return undefined;
    const generation = this.mesh.index.generation;
    const known = this.compared.get(file.source);
    if (known && known.base === base && known.generation === generation) return known;
    base.read ??= readBase(base.text, file.uri, file.fileName);
    // A file of several documents is not compared: which document was which at the base is a guess.
    const documents = file.documents();
    const only = documents.length === 1 ? documents[0]!.data : undefined;
    const compared: Compared = { base, generation, report: isData(only) ? compareWithBase(this.mesh, base.read, only) : undefined };
    this.compared.set(file.source, compared);
    return compared;
  }

  private place(source: SourceText, ref: string, report: ChangeReport): MeshDiagnostic[] {
    const locator = FactLocator.of(source);
    const docs = linkTo(this.ruleDocs, 'breaking/changes');
    const severity = report.majorBumped ? Severity.Information : Severity.Warning;
    const bump = report.majorBumped ? ` Intended: the major version grew (${report.oldVersion} → ${report.newVersion}).` : report.suggestedVersion ? ` Bump the version to ${report.suggestedVersion}.` : '';
    return report.changes.map((change) => {
      const [start, end] = closestSpan(locator, change.path);
      const names = change.consumers.map((key) => consumerName(this.mesh, key));
      const breaks = names.length > 0 ? ` It breaks ${names.join(', ')}.` : ' No consumer in the workspace depends on it.';
      const related = change.consumers.slice(0, MAX_RELATED).flatMap((key, i) => {
        const found = this.mesh.index.lookup(key)[0];
        if (!found) return [];
        let location = this.consumerPlaces.get(found);
        if (location === undefined) this.consumerPlaces.set(found, (location = nameLocation(this.others, found) ?? null));
        return location ? [{ location, message: `${names[i]} depends on it` }] : [];
      });
      return {
        start,
        end,
        severity,
        code: `${BREAKING_PREFIX}${change.check}`,
        message: `Breaking ${change.category} change against ${ref}: ${change.message}${breaks}${bump}`,
        source: BREAKING_SOURCE,
        ...docs,
        data: { docIndex: 0, path: [...change.path] },
        ...(related.length > 0 ? { related } : {}),
      };
    });
  }
}

// Keys whose value is the change itself; for the others (a list, a map) the key is underlined, not the whole block.
const SCALAR_KEYS = new Set(['id', 'logicalType', 'required', 'version']);

/** The changed node, or the closest one still there (a removed column is shown on its list's key). */
function closestSpan(locator: FactLocator, path: Path): readonly [number, number] {
  for (let n = path.length; n > 0; n--) {
    const at = path.slice(0, n);
    const step = at[n - 1];
    const span = (typeof step === 'string' && !SCALAR_KEYS.has(step) ? locator.pathSpan(0, at, true) : undefined) ?? locator.pathSpan(0, at);
    if (span) return span;
  }
  return [0, 0];
}
