import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from '../http/files.js';
import { safeFilename, servedContentType, sniffAllowedType } from './uploads.js';

describe('upload names and types', () => {
  it('keeps a Chinese name, drops paths and markup, and keeps the extension of a long name', () => {
    expect(safeFilename('送餐照片 3月.png')).toBe('送餐照片 3月.png');
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('C:\\scans\\收据.pdf')).toBe('收据.pdf');
    expect(safeFilename('<img src=x>.pdf')).toBe('_img src_x_.pdf');
    expect(safeFilename('送餐照片（第一周）【签收】.png')).toBe('送餐照片（第一周）【签收】.png');
    // A right-to-left override would show `photo\u202Egnp.exe` as `photoexe.png`.
    expect(safeFilename('photo\u202Egnp.exe')).toBe('photo_gnp.exe');
    expect(safeFilename('a"b;c\r\nd.pdf')).toBe('a_b_c__d.pdf');
    expect(safeFilename('.pdf', 'evidence')).toBe('pdf');
    expect(safeFilename('..', 'evidence')).toBe('evidence');
    const long = safeFilename(`${'长'.repeat(300)}.pdf`);
    expect(Array.from(long)).toHaveLength(100);
    expect(long.endsWith('.pdf')).toBe(true);
  });

  it('encodes a Chinese name for Content-Disposition with an ASCII fallback', () => {
    expect(attachmentDisposition('收据 (1).pdf')).toBe(
      `attachment; filename="__ (1).pdf"; filename*=UTF-8''%E6%94%B6%E6%8D%AE%20%281%29.pdf`,
    );
  });

  it('judges a file by its content and serves only allowed types as themselves', async () => {
    await expect(
      sniffAllowedType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect(await sniffAllowedType(Buffer.from('%PDF-1.4\n%%EOF\n'))).toBe('application/pdf');
    expect(servedContentType('text/html')).toBe('application/octet-stream');
    expect(servedContentType('image/png')).toBe('image/png');
  });
});
