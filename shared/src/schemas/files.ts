/** What an upload may be (certificates, delivery evidence): judged by the server from the content, never the name. */
export const uploadContentTypes = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type UploadContentType = (typeof uploadContentTypes)[number];

/** The largest file one upload may carry. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
