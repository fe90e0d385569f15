/**
 * A shared picture's size and description, as feeds (media:content width/height) and pages
 * (og:image:width/height/alt) write them: read once here, so a feed and a page agree on what counts.
 */
export interface ImageFacts {
  imageWidth?: number;
  imageHeight?: number;
  imageAlt?: string;
}

/** A size in pixels written as "1200" or 1200: a positive whole number, else undefined (so "", "0", "auto", "12.5"). */
export function pixelSize(value: unknown): number | undefined {
  if (typeof value !== 'number' && (typeof value !== 'string' || value.trim() === '')) return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The facts a source gives of its picture: the size only where it is a real one, the alt text where it has any. */
export function imageFacts(width: unknown, height: unknown, alt: string | undefined): ImageFacts {
  return {
    imageWidth: pixelSize(width),
    imageHeight: pixelSize(height),
    imageAlt: alt?.trim() ? alt : undefined,
  };
}
