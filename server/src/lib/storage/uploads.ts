import { fileTypeFromBuffer } from 'file-type';
import { uploadContentTypes, type UploadContentType } from '@app/shared';
import { validationFailed } from '../errors.js';
import type { FileStorage } from './fileStorage.js';

const ALLOWED_TYPES = new Set<string>(uploadContentTypes);

/** Checks an uploaded file's real type; returns its MIME type or throws a 400. */
export async function sniffAllowedType(data: Buffer | undefined): Promise<UploadContentType> {
  if (!data?.length) throw validationFailed('upload.attachFile', [{ path: 'file', message: 'field.required' }]);
  const type = await fileTypeFromBuffer(data);
  if (!type || !ALLOWED_TYPES.has(type.mime)) {
    throw validationFailed('upload.fileType', [
      { path: 'file', message: 'field.unsupportedFileType', code: 'file_type' },
    ]);
  }
  return type.mime as UploadContentType;
}

const MAX_NAME_CHARS = 100;

/** ASCII punctuation a name may not keep: all of it but `.`, `_` and `-`. */
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;

/**
 * A file name fit for display and for a download's Content-Disposition: the last path segment; letters, digits,
 * marks, spaces, `.`, `_`, `-` and non-ASCII punctuation (（）【】《》，are common in Chinese names) are kept, any
 * other character (controls, bidirectional overrides, ASCII specials) becomes `_`; no leading dot; at most 100
 * characters, the extension kept.
 */
export function safeFilename(name: string, fallback = 'file'): string {
  const last = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = last
    .replace(/[^\p{L}\p{N}\p{M}\p{P} ]/gu, '_')
    .replace(ASCII_PUNCTUATION, (c) => ('._-'.includes(c) ? c : '_'))
    .replace(/^[.\s]+/, '')
    .trim();
  const chars = Array.from(cleaned);
  if (!chars.length) return fallback;
  if (chars.length <= MAX_NAME_CHARS) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return chars.slice(0, MAX_NAME_CHARS - ext.length).join('') + ext;
}

/** The Content-Type a stored file is served with: its sniffed type while that is still allowed, else bytes. */
export const servedContentType = (stored: string): string =>
  ALLOWED_TYPES.has(stored) ? stored : 'application/octet-stream';

/** What is kept of an accepted upload, beside the record it belongs to. */
export interface StoredUpload {
  filename: string;
  contentType: UploadContentType;
  size: number;
  storageKey: string;
}

/**
 * Judges an uploaded file by its content and keeps it in storage. A refused file is never stored; a caller whose
 * later write fails removes the stored one (`storage.remove(storageKey)`).
 */
export async function storeUpload(
  storage: FileStorage,
  file: { buffer: Buffer; originalname: string; size: number } | undefined,
  fallbackName: string,
): Promise<StoredUpload> {
  const contentType = await sniffAllowedType(file?.buffer);
  const storageKey = await storage.put(file!.buffer);
  return {
    filename: safeFilename(file!.originalname, fallbackName),
    contentType,
    size: file!.size,
    storageKey,
  };
}
