// What an image's bytes say it is: its type from the magic bytes and its dimensions from the header,
// for the types the gateway takes in (png, jpeg, webp, gif) and stores (png, jpeg, webp). The declared
// type of a data: URI or an upload is never trusted alone.

export interface ImageInfo {
  mimeType: "image/png" | "image/jpeg" | "image/webp" | "image/gif";
  extension: "png" | "jpg" | "webp" | "gif";
  width: number;
  height: number;
}

const ascii = (bytes: Uint8Array, at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));

/** The type by magic bytes alone (enough of the start of a file: 12 bytes). */
export function sniffImageType(bytes: Uint8Array): ImageInfo["mimeType"] | undefined {
  if (bytes.length >= 8 && bytes[0] === 0x89 && ascii(bytes, 1, 3) === "PNG" && bytes[4] === 0x0d && bytes[5] === 0x0a) return "image/png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return "image/webp";
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a")) return "image/gif";
  return undefined;
}

function jpegSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1];
    if (marker === 0xff) { at++; continue; }  // fill byte
    // Start of frame (baseline, progressive, ...; not DHT C4, JPG C8, DAC CC): height then width.
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: (bytes[at + 5] << 8) | bytes[at + 6], width: (bytes[at + 7] << 8) | bytes[at + 8] };
    }
    at += 2 + ((bytes[at + 2] << 8) | bytes[at + 3]);
  }
  return undefined;
}

function webpSize(b: Uint8Array): { width: number; height: number } | undefined {
  if (b.length < 30) return undefined;
  const chunk = ascii(b, 12, 4);
  if (chunk === "VP8 ") return { width: (b[26] | (b[27] << 8)) & 0x3fff, height: (b[28] | (b[29] << 8)) & 0x3fff };
  if (chunk === "VP8L") return { width: 1 + (((b[22] & 0x3f) << 8) | b[21]), height: 1 + (((b[24] & 0x0f) << 10) | (b[23] << 2) | ((b[22] & 0xc0) >> 6)) };
  if (chunk === "VP8X") return { width: 1 + (b[24] | (b[25] << 8) | (b[26] << 16)), height: 1 + (b[27] | (b[28] << 8) | (b[29] << 16)) };
  return undefined;
}

/** Type and dimensions, or undefined when the bytes are not a well-formed start of a known image type. */
export function sniffImage(bytes: Uint8Array): ImageInfo | undefined {
  const mimeType = sniffImageType(bytes);
  let size: { width: number; height: number } | undefined;
  if (mimeType === "image/png" && bytes.length >= 24 && ascii(bytes, 12, 4) === "IHDR") {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    size = { width: view.getUint32(16), height: view.getUint32(20) };
  } else if (mimeType === "image/jpeg") size = jpegSize(bytes);
  else if (mimeType === "image/webp") size = webpSize(bytes);
  else if (mimeType === "image/gif" && bytes.length >= 10) size = { width: bytes[6] | (bytes[7] << 8), height: bytes[8] | (bytes[9] << 8) };
  if (!mimeType || !size || size.width < 1 || size.height < 1) return undefined;
  const extension = ({ "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/gif": "gif" } as const)[mimeType];
  return { mimeType, extension, ...size };
}
