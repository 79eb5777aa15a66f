/**
 * Checking an uploaded screenshot (R-FBK-1): base64 decoded strictly, size-limited, and typed by its
 * magic bytes (PNG `89 50 4E 47 0D 0A 1A 0A`, JPEG `FF D8 FF`), never by what the client declared. A
 * declared type that contradicts the bytes is refused too.
 */
import { createHash } from "node:crypto";
import { AppFault } from "@jg/errors";

type ScreenshotMime = "image/png" | "image/jpeg";
export type CheckedScreenshot = { mime: ScreenshotMime; bytes: Buffer; sha256: string; size: number };

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The image type the bytes start with, or null. */
function sniffImage(bytes: Buffer): ScreenshotMime | null {
  if (bytes.length >= PNG.length && bytes.subarray(0, PNG.length).equals(PNG)) return "image/png";
  if (bytes.length >= JPEG.length && bytes.subarray(0, JPEG.length).equals(JPEG)) return "image/jpeg";
  return null;
}

/** Decodes and checks one screenshot; UPLOAD_TOO_LARGE over `maxBytes`, UPLOAD_INVALID otherwise. */
export function checkScreenshot(input: { base64: string; mime: string }, maxBytes: number): CheckedScreenshot {
  const text = input.base64.replace(/\s+/g, "");
  // Refuse by the encoded length before decoding anything large.
  if (Math.floor((text.length * 3) / 4) - 2 > maxBytes) throw new AppFault("UPLOAD_TOO_LARGE", { params: { limit: maxBytes } });
  if (text.length === 0 || text.length % 4 !== 0 || !BASE64.test(text)) throw new AppFault("UPLOAD_INVALID");
  const bytes = Buffer.from(text, "base64");
  if (bytes.length > maxBytes) throw new AppFault("UPLOAD_TOO_LARGE", { params: { limit: maxBytes } });
  const mime = sniffImage(bytes);
  if (!mime || mime !== input.mime.trim().toLowerCase()) throw new AppFault("UPLOAD_INVALID", { details: { detected: mime } });
  return { mime, bytes, sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.length };
}
