/** A stylesheet's top-level blocks, each `selector { body }` with its braces matched (blocks nest in @media). */
export function cssBlocks(text: string): { selector: string; body: string }[] {
  const blocks: { selector: string; body: string }[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open === -1) break;
    let depth = 1;
    let j = open + 1;
    for (; j < text.length && depth > 0; j += 1) {
      if (text[j] === '{') depth += 1;
      else if (text[j] === '}') depth -= 1;
    }
    blocks.push({ selector: text.slice(i, open).trim(), body: text.slice(open + 1, j - 1) });
    i = j;
  }
  return blocks;
}
