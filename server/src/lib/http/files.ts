import multer from 'multer';
import type { Readable } from 'node:stream';
import type { RequestHandler, Response } from 'express';
import { payloadTooLarge, validationFailed } from '../errors.js';
import { servedContentType } from '../storage/uploads.js';

/** Reads one multipart file into memory, with size limits that become 413s. */
export function singleFileUpload(field: string, maxBytes: number): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    defParamCharset: 'utf8',
    limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1024 },
  }).single(field);
  return (req, res, next) =>
    upload(req, res, (err: unknown) => {
      if (!err) return next();
      const code = (err as { code?: string }).code;
      if (code === 'LIMIT_FILE_SIZE')
        return next(payloadTooLarge('upload.tooLarge', { mb: Math.round(maxBytes / 1048576) }));
      if (typeof code === 'string' && code.startsWith('LIMIT_'))
        return next(validationFailed('upload.refused', undefined, { reason: code }));
      next(validationFailed('upload.malformed'));
    });
}

/** RFC 8187 value-chars: what encodeURIComponent leaves alone, less `'()*`. */
const extValue = (name: string) =>
  encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `attachment` with an ASCII fallback name and the UTF-8 name (Chinese names survive). */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${extValue(filename)}`;
}

/**
 * Sends a stored file as a download: never rendered by the browser (attachment, nosniff, a sniffed and allowed
 * Content-Type), never cached by anyone but the caller.
 */
export async function sendStoredFile(
  res: Response,
  file: { stream: Readable; contentType: string; filename: string; size?: number },
): Promise<void> {
  res.setHeader('Content-Type', servedContentType(file.contentType));
  res.setHeader('Content-Disposition', attachmentDisposition(file.filename));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-store');
  if (file.size !== undefined) res.setHeader('Content-Length', String(file.size));
  await new Promise<void>((resolve, reject) =>
    file.stream.on('error', reject).pipe(res).on('finish', resolve),
  );
}
