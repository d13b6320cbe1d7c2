/**
 * Shrinks a camera photo before it is queued: a 12-megapixel JPEG is 3–8 MB, too much for a weak
 * patrol signal. Re-encodes to JPEG with the long edge ≤ maxEdge; keeps the original if decoding
 * fails or if the result is not smaller.
 */
export async function shrinkPhoto(file: Blob, maxEdge = 2048, quality = 0.85): Promise<Blob> {
  try {
    const bmp = await createImageBitmap(file);
    const scale = Math.min(1, maxEdge / Math.max(bmp.width, bmp.height));
    const w = Math.round(bmp.width * scale);
    const h = Math.round(bmp.height * scale);
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d');
    if (!ctx) return file;
    ctx.drawImage(bmp, 0, 0, w, h);
    bmp.close();
    const out = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
    return out && out.size < file.size ? out : file;
  } catch {
    return file;
  }
}
