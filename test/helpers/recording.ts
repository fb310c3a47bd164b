/**
 * A voice recording as the phone's recorder makes it for 说话输入 (mp3), carrying what was said in
 * its ID3 title: the local cloud's 一句话识别 (emulator/asr.ts) hears those words, as no speech model
 * runs locally.
 */
export function recording(words: string): Buffer {
  const text = Buffer.concat([Buffer.from([1, 0xff, 0xfe]), Buffer.from(words, 'utf16le')]); // UTF-16 with BOM
  const frame = Buffer.alloc(10);
  frame.write('TIT2', 0, 'latin1');
  frame.writeUInt32BE(text.length, 4);
  const tagSize = frame.length + text.length;
  const header = Buffer.from([
    0x49,
    0x44,
    0x33,
    3,
    0,
    0,
    (tagSize >> 21) & 0x7f,
    (tagSize >> 14) & 0x7f,
    (tagSize >> 7) & 0x7f,
    tagSize & 0x7f,
  ]);
  // then MPEG-1 Layer III frame headers (16 kHz mono would be MPEG-2; the bytes only need to look like audio)
  const audio = Buffer.alloc(4 * 144, 0);
  for (let i = 0; i < 4; i += 1) Buffer.from([0xff, 0xf3, 0x64, 0xc4]).copy(audio, i * 144);
  return Buffer.concat([header, frame, text, audio]);
}
