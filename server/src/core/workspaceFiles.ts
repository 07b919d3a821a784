import { FileHandle, type HandleContext } from './fileHandle';
import type { WorkspaceIndex } from './workspace/workspaceIndex';

/** Reads a file that is not open (the server and the command line read the disk; the worker nothing). */
export type ReadFile = (uri: string) => string | undefined;

// Handles of files that are not open, kept for repeated navigation: a few hundred small files, or
// fewer big ones (a syntax tree takes about twenty times the memory of its text).
const CLOSED_CACHE_FILES = 300;
const CLOSED_CACHE_CHARS = 20 * 1024 * 1024;

/**
 * The files of the workspace as handles: the open documents, one handle per version (the open
 * document wins over its file on disk), and files read from disk when a feature needs their text.
 * It also decides when an open document's facts enter the index.
 */
export class WorkspaceFiles {
  private readonly open = new Map<string, FileHandle>();
  private readonly onDisk = new Map<string, FileHandle>();
  private diskChars = 0;
  /** Open documents whose current version the index has not seen yet. */
  private readonly unsynced = new Set<string>();
  /**
   * Those of them edited since they were opened: their text is not the file's on disk, which the
   * index holds meanwhile, so they must be in before anything is computed across files.
   */
  private readonly edited = new Set<string>();

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly context: HandleContext,
    private readonly readFile: ReadFile,
    private readonly analyzedElsewhere: () => boolean,
  ) {}

  /** A new version of an open document (its first one opens it). */
  setDocument(uri: string, text: string, version: number, fileName: string): FileHandle {
    if (this.open.has(uri)) this.edited.add(uri);
    const handle = new FileHandle(uri, fileName, text, version, this.context);
    this.open.set(uri, handle);
    this.unsynced.add(uri);
    return handle;
  }

  /** The document was closed: the file on disk is the truth again. */
  closeDocument(uri: string): void {
    this.open.delete(uri);
    this.unsynced.delete(uri);
    this.edited.delete(uri);
    this.index.setOpenFacts(uri, undefined);
  }

  /** The handle of any file: the open document's current version, else the file read from disk. */
  get(uri: string): FileHandle | undefined {
    const open = this.open.get(uri);
    if (open) return open;
    let handle = this.onDisk.get(uri);
    if (handle) {
      // Most recently used goes last, so the oldest is evicted first.
      this.onDisk.delete(uri);
      this.onDisk.set(uri, handle);
      return handle;
    }
    const text = this.readFile(uri);
    if (text === undefined) return undefined;
    handle = new FileHandle(uri, fileNameOf(uri), text, undefined, this.context);
    this.onDisk.set(uri, handle);
    this.diskChars += text.length;
    // The oldest go first; the one just read stays, however big.
    while (this.onDisk.size > 1 && (this.onDisk.size > CLOSED_CACHE_FILES || this.diskChars > CLOSED_CACHE_CHARS)) this.forget(this.onDisk.keys().next().value!);
    return handle;
  }

  /** Forgets what was read of a file on disk (it changed, or is gone). */
  forget(uri: string): void {
    const handle = this.onDisk.get(uri);
    if (!handle) return;
    this.diskChars -= handle.text.length;
    this.onDisk.delete(uri);
  }

  /**
   * Brings the index up to date with the open documents. Cheap when nothing changed. With `only`, it
   * syncs that document and the edited ones: a document just opened enters the index once its own
   * analysis is done (on the worker) and it is diagnosed, not here as well. Visiting every document
   * not yet in at each `only` made opening 2,000 files quadratic. A large document waits for the
   * worker in any case: reading it here would hold up every request meanwhile. Returns whether the
   * index changed.
   */
  sync(only?: string): boolean {
    const generation = this.index.generation;
    const elsewhere = this.analyzedElsewhere();
    // Deleting while iterating a Set is safe.
    for (const uri of only === undefined ? this.unsynced : [only, ...this.edited]) {
      const handle = this.open.get(uri);
      if (!handle || !this.unsynced.has(uri) || (elsewhere && handle.isLarge && !handle.isAnalyzed)) continue;
      this.unsynced.delete(uri);
      this.edited.delete(uri);
      handle.shareFacts(this.index.setOpenFacts(uri, handle.facts)!);
    }
    return this.index.generation !== generation;
  }

  /** The current version of every open document. */
  openHandles(): FileHandle[] {
    return [...this.open.values()];
  }

  /** Open documents whose text differs from the disk and that the index has not seen yet. */
  editedHandles(): FileHandle[] {
    return [...this.edited].map((uri) => this.open.get(uri)!);
  }
}

/** The path part of a URI, which is all the core needs for recognising files by name. */
export function fileNameOf(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}
