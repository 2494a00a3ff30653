import { expect, it } from '@jest/globals';
import { runDemo } from './index';

it('runs the whole demo story and shows the refused stale write and the subscriber', async () => {
  const lines: string[] = [];
  await runDemo((line) => lines.push(line));
  const text = lines.join('\n');
  expect(text).toContain('now at revision 0');
  expect(text).toMatch(/refused: Stream note-demo\.first is at revision 0, not the expected no_stream/);
  expect(text).toContain('a subscriber to $all saw: note-demo.first@0 NoteWritten');
});
