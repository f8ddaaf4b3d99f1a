import { Browser } from 'playwright-core';

export type Rgb = readonly [number, number, number];

// The probe runs in the browser: its globals, for the compiler (the project's lib has no DOM).
declare const document: any;
declare const Image: any;

/**
 * Reads pixels of a PNG screenshot in the browser itself (a canvas on a blank page), so a test can check what
 * was drawn without an image library: the colours at points, and how long a colour runs along a row.
 */
export async function probeScreenshot(
  browser: Browser,
  png: Buffer,
  points: ReadonlyArray<{ x: number; y: number }>,
  runs: ReadonlyArray<{ y: number; color: Rgb }> = [],
): Promise<{ width: number; colors: Rgb[]; runLengths: number[] }> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      async ({ base64, points, runs }) => {
        const image = new Image();
        image.src = `data:image/png;base64,${base64}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.naturalWidth;
        canvas.height = image.naturalHeight;
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        const { data, width } = context.getImageData(0, 0, canvas.width, canvas.height);
        const at = (x: number, y: number): [number, number, number] => {
          const i = (Math.round(y) * width + Math.round(x)) * 4;
          return [data[i]!, data[i + 1]!, data[i + 2]!];
        };
        const near = (a: readonly number[], b: readonly number[]) => a.every((v, i) => Math.abs(v - b[i]!) <= 24);
        return {
          width,
          colors: points.map((p) => at(p.x, p.y)),
          // The pixels of the row that have the colour (the bars are the only things drawn in them).
          runLengths: runs.map((run) => {
            let count = 0;
            for (let x = 0; x < width; x++) if (near(at(x, run.y), run.color)) count += 1;
            return count;
          }),
        };
      },
      { base64: png.toString('base64'), points: [...points], runs: runs.map((r) => ({ y: r.y, color: [...r.color] })) },
    );
  } finally {
    await page.close();
  }
}

/** Whether two colours are the same within antialiasing. */
export const sameColor = (a: Rgb, b: Rgb, tolerance = 24): boolean => a.every((v, i) => Math.abs(v - b[i]!) <= tolerance);

/** "#2e9d5b" as RGB. */
export const hex = (text: string): Rgb => [parseInt(text.slice(1, 3), 16), parseInt(text.slice(3, 5), 16), parseInt(text.slice(5, 7), 16)];
