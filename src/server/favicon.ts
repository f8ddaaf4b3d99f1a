/**
 * The playground's icon, /favicon.ico: a 16×16 ICO (one 32-bit bitmap) drawn here, so that no binary file and
 * no CDN is needed: a teal disc with a white bar, two ends bridged.
 */
export function faviconIco(): Buffer {
  const size = 16;
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // an icon
  header.writeUInt16LE(1, 4); // one image
  const pixels = Buffer.alloc(size * size * 4);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      // Bitmaps run bottom-up; each pixel is blue, green, red, alpha.
      const y = size - 1 - row;
      const dx = col - 7.5;
      const dy = y - 7.5;
      const inDisc = dx * dx + dy * dy <= 7.5 * 7.5;
      const onBar = y >= 7 && y <= 8 && col >= 3 && col <= 12;
      const at = (row * size + col) * 4;
      const [r, g, b, a] = !inDisc ? [0, 0, 0, 0] : onBar ? [255, 255, 255, 255] : [13, 148, 136, 255];
      pixels.writeUInt8(b, at);
      pixels.writeUInt8(g, at + 1);
      pixels.writeUInt8(r, at + 2);
      pixels.writeUInt8(a, at + 3);
    }
  }
  const mask = Buffer.alloc(size * 4); // the AND mask: all zero, alpha decides
  const info = Buffer.alloc(40);
  info.writeUInt32LE(40, 0);
  info.writeInt32LE(size, 4);
  info.writeInt32LE(size * 2, 8); // an ICO bitmap counts its mask in the height
  info.writeUInt16LE(1, 12);
  info.writeUInt16LE(32, 14);
  info.writeUInt32LE(pixels.length + mask.length, 20);
  const image = Buffer.concat([info, pixels, mask]);
  const entry = Buffer.alloc(16);
  entry.writeUInt8(size, 0);
  entry.writeUInt8(size, 1);
  entry.writeUInt16LE(1, 4);
  entry.writeUInt16LE(32, 6);
  entry.writeUInt32LE(image.length, 8);
  entry.writeUInt32LE(header.length + entry.length, 12);
  return Buffer.concat([header, entry, image]);
}
