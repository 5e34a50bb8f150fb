// Fixture lines are found by their BREAK markers, never by number.
import * as fs from 'fs';

/** 1-based line of the one line of `file` that contains `marker`. */
export function lineOf(file: string, marker: string): number {
  const hits: number[] = [];
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      if (text.includes(marker)) {
        hits.push(index + 1);
      }
    });
  if (hits.length !== 1) {
    throw new Error(`marker "${marker}" occurs ${hits.length} times in ${file}, expected once`);
  }
  return hits[0];
}
