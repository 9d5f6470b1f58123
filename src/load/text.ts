/**
 * Reading input files as text in whatever encoding Windows and Postman tools wrote them:
 * UTF-8 with or without a byte order mark, UTF-16LE/BE with their marks (PowerShell's
 * `Out-File` and `>` write UTF-16LE), and Latin-1 files that are not valid UTF-8 — the
 * encodings newman reads (it detects them with chardet), plus UTF-16BE, which it cannot.
 */
import { readFile } from 'node:fs/promises';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/** Decodes file bytes; the byte order mark, if any, is not part of the text. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeAs(bytes.subarray(3), 'utf-8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeAs(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeAs(bytes.subarray(2), 'utf-16be');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: a Windows-1252 (Latin-1) file, as newman's detector would judge it.
    return decodeAs(bytes, 'windows-1252');
  }
}

function decodeAs(bytes: Uint8Array, encoding: TextEncodingName): DecodedText {
  // ignoreBOM: the mark was already taken off; a second one would be content.
  return { text: new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes), encoding };
}

/** Reads a file as text (see `decodeText`); errors are the caller's to explain. */
export async function readText(path: string): Promise<string> {
  return decodeText(await readFile(path)).text;
}
