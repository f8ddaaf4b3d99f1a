import { byteBoundedMemo } from '../../lib/byte-bounded-memo';

/** The longest recording made (an hour: 57.6 MB); the sandbox's are minutes long. */
const MAX_SECONDS = 3600;

/**
 * Recordings made lately, by id and length: a player asks for one in several Range requests, and each would
 * make the whole file again. Bounded in bytes.
 */
const made = byteBoundedMemo<Buffer>(64 * 1024 * 1024, (wav) => wav.length);

/**
 * A real, playable PCM WAV file (8 kHz, 16-bit, mono) as long as the recording the vendor reports: a soft tone
 * whose pitch depends on the recording id, so different recordings sound different.
 */
export function generateWav(id: string, seconds: number): Buffer {
  return made(`${id}|${seconds}`, () => makeWav(id, seconds, MAX_SECONDS));
}

function makeWav(id: string, seconds: number, maxSeconds: number): Buffer {
  const sampleRate = 8000;
  const samples = Math.max(1, Math.round(Math.min(seconds, maxSeconds) * sampleRate));
  const dataBytes = samples * 2;
  const buffer = Buffer.alloc(44 + dataBytes);
  buffer.write('RIFF', 0, 'ascii');
  buffer.writeUInt32LE(36 + dataBytes, 4);
  buffer.write('WAVE', 8, 'ascii');
  buffer.write('fmt ', 12, 'ascii');
  buffer.writeUInt32LE(16, 16); // fmt chunk size
  buffer.writeUInt16LE(1, 20); // PCM
  buffer.writeUInt16LE(1, 22); // mono
  buffer.writeUInt32LE(sampleRate, 24);
  buffer.writeUInt32LE(sampleRate * 2, 28); // byte rate
  buffer.writeUInt16LE(2, 32); // block align
  buffer.writeUInt16LE(16, 34); // bits per sample
  buffer.write('data', 36, 'ascii');
  buffer.writeUInt32LE(dataBytes, 40);
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const frequency = 220 + (hash % 440);
  for (let i = 0; i < samples; i++) {
    const envelope = Math.min(1, i / 400, (samples - i) / 400);
    buffer.writeInt16LE(Math.round(Math.sin((2 * Math.PI * frequency * i) / sampleRate) * 6000 * envelope), 44 + i * 2);
  }
  return buffer;
}
