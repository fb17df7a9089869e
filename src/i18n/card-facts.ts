// The card layer's facts in words (issue 19, "words"): each kind by the catalogue key of the same
// name, its values filled in (a value that is a fact is worded first). The card report's reasons
// and warnings are worded here, wherever they are shown (screens, accessible mode, report, JSON).

import { modelFact } from '../card/cps/identify.js';
import type { CardModel } from '../card/cps/report.js';
import type { CardFact, CardFactKind, CardFactValue } from '../card/fact.js';
import { CATALOGUES, fill, language, type Key, type Lang } from './index.js';

// Every kind is a key of the catalogue (tsc fails here otherwise).
const _everyKindIsAKey: Key = '' as CardFactKind;
void _everyKindIsAKey;

/** The fact in words, in the chosen language (or `lang`). */
export function cardFactWords(f: CardFact, lang: Lang = language()): string {
  if (f.kind === 'message') return f.text;
  const values: Record<string, string | number> = {};
  for (const [name, v] of Object.entries(f.values ?? {})) values[name] = valueWords(v, lang);
  return fill(CATALOGUES[lang][f.kind], values);
}

function valueWords(v: CardFactValue, lang: Lang): string | number {
  return typeof v === 'object' ? cardFactWords(v, lang) : v;
}

/**
 * The model as a reader of the screen or report says it: the identifiers of `CardModel` that are
 * words (the JSON report keeps the identifiers) in the chosen language.
 */
export function modelName(model: CardModel): string {
  return cardFactWords(modelFact(model));
}
