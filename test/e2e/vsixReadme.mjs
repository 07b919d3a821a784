// The .vsix is a zip: its entries' names and the text of one, read from the central directory
// with node:zlib only (no unzip on every machine), for the check of the package's README.
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

/** name → bytes of every file in the zip. */
export function readZip(path) {
  const zip = readFileSync(path);
  // The end-of-central-directory record is in the last 64 KB + 22 bytes.
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error(`${path} is not a zip file.`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map();
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + size);
    files.set(name, method === 8 ? inflateRawSync(raw) : raw);
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

/** Every link and image target of a Markdown text: `[text](target)`, `![alt](target)`, `<img src>`. */
export function markdownTargets(markdown) {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  const targets = [...withoutCode.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
  targets.push(...[...withoutCode.matchAll(/<img[^>]+src="([^"]+)"/g)].map((m) => m[1]));
  return targets;
}
