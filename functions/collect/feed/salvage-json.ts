/**
 * Recovers the complete items of a JSON Feed that is cut off (a fetch stopped at the size cap, a
 * file written by a crashed job). JSON.parse gives up on the whole document; but every item of
 * `"items": [...]` is an object of its own, so one linear scan (strings and escapes respected)
 * finds those that close, and the document is rebuilt as the part before the items, the complete
 * items, and the brackets the cut took away.
 */
export interface SalvagedJsonFeed {
  /** The rebuilt document: valid JSON holding the feed's own fields and its complete items. */
  document: string;
  /** How many items closed before the document ended. */
  complete: number;
  /** Whether the document ended inside an item (that item is lost). */
  cutInsideItem: boolean;
}

/** The salvage of `body`, or undefined when it holds no top-level "items" array with a complete item. */
export function salvageJsonFeed(body: string): SalvagedJsonFeed | undefined {
  let depth = 0;
  let inString = false;
  let stringStart = -1;
  let lastString = '';
  /** The key whose value comes next, at the top level. */
  let key = '';
  let itemsAt = -1;
  let itemStart = -1;
  const items: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') {
        inString = false;
        if (depth === 1) lastString = body.slice(stringStart + 1, i);
      }
      continue;
    }
    if (char === '"') {
      inString = true;
      stringStart = i;
    } else if (char === '{' || char === '[') {
      if (depth === 1 && char === '[' && key === 'items' && itemsAt === -1) itemsAt = i;
      else if (depth === 2 && itemsAt !== -1 && char === '{') itemStart = i;
      depth++;
    } else if (char === '}' || char === ']') {
      depth--;
      if (depth === 2 && itemsAt !== -1 && char === '}' && itemStart !== -1) {
        items.push(body.slice(itemStart, i + 1));
        itemStart = -1;
      }
      // The items array closed: the document is not cut inside it, so there is nothing to salvage here.
      if (depth === 1 && itemsAt !== -1 && char === ']') return undefined;
    } else if (depth === 1 && char === ':') key = lastString;
    else if (depth === 1 && char === ',') key = '';
  }
  if (itemsAt === -1 || items.length === 0) return undefined;
  const document = `${body.slice(0, itemsAt + 1)}${items.join(',')}]}`;
  try {
    JSON.parse(document);
  } catch {
    return undefined;
  }
  return { document, complete: items.length, cutInsideItem: itemStart !== -1 };
}
