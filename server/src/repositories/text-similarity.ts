/**
 * Text similarity for suggestions, computed in TypeScript so it runs the same on PostgreSQL and
 * PGlite: TF-IDF cosine over the candidate recommendations (the corpus gives the weights, so words
 * every recommendation shares count for little), plus explicit references by number ("recommendations
 * 1, 3 and 20 from the 2016 Final Report"), which rank first. Scores are in [0, 1].
 */

/** Words that say nothing about a recommendation's subject (English, and follow-up wording). */
const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being
  below between both but by can could did do does doing down during each either few for from further
  had has have having he her here hers him his how i if in into is it its itself just may might more
  most must no nor not now of off on once only or other our out over own same shall she should so
  some such than that the their them then there these they this those through to too under until up
  upon very was we were what when where which while who whom why will with within without would yet
  you your including include includes related relating regarding remain remains remained still
  previous prior earlier past recent recently long standing outstanding odihr osce recommendation
  recommendations recommend recommended priority report reports final unaddressed addressed address
  addressing implemented implement implementation partially partly fully largely mostly number
  many several few some despite notwithstanding contrary line effort continues continue consider
  considered authorities`.split(/\s+/),
);

/** A light suffix stemmer: enough to meet "candidates" with "candidate" and "funding" with "fund". */
function stem(word: string): string {
  if (word.length <= 4) return word;
  for (const [suffix, replacement] of [
    ['ational', 'ate'],
    ['ization', 'ize'],
    ['isation', 'ize'],
    ['ations', 'ate'],
    ['ation', 'ate'],
    ['ities', 'ity'],
    ['iness', 'y'],
    ['ments', 'ment'],
    ['ies', 'y'],
    ['ing', ''],
    ['ed', ''],
    ['es', ''],
    ['s', ''],
  ] as const) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) {
      return word.slice(0, word.length - suffix.length) + replacement;
    }
  }
  return word;
}

/** Upper bound of words read from one text (bounds the work on a long input). */
const MAX_WORDS = 2_000;

/** The stemmed content words of a text. */
export function contentWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.toLowerCase().matchAll(/\p{L}[\p{L}'’-]*/gu)) {
    if (words.length >= MAX_WORDS) break;
    for (const part of match[0].split(/['’-]/)) {
      if (part.length < 3 || STOP_WORDS.has(part)) continue;
      words.push(stem(part));
    }
  }
  return words;
}

export interface SimilarityDocument {
  id: number;
  text: string;
}

type Vector = Map<string, number>;

function norm(vector: Vector): number {
  let sum = 0;
  for (const value of vector.values()) sum += value * value;
  return Math.sqrt(sum);
}

/** A TF-IDF index of documents (the candidate recommendations), to score texts against. */
export function similarityIndex(documents: SimilarityDocument[]) {
  const counts = documents.map((document) => {
    const count = new Map<string, number>();
    for (const word of contentWords(document.text)) count.set(word, (count.get(word) ?? 0) + 1);
    return count;
  });
  const frequency = new Map<string, number>();
  for (const count of counts) {
    for (const word of count.keys()) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  }
  const total = documents.length;
  const idf = (word: string) => Math.log((total + 1) / ((frequency.get(word) ?? 0) + 1)) + 1;
  const weigh = (count: Map<string, number>): Vector => {
    const vector: Vector = new Map();
    for (const [word, n] of count) vector.set(word, (1 + Math.log(n)) * idf(word));
    return vector;
  };
  const vectors = counts.map((count) => {
    const vector = weigh(count);
    return { vector, norm: norm(vector) };
  });

  return {
    /** Cosine similarity of `text` with each document, in the documents' order. */
    scores(text: string): number[] {
      const count = new Map<string, number>();
      for (const word of contentWords(text)) count.set(word, (count.get(word) ?? 0) + 1);
      const query = weigh(count);
      const queryNorm = norm(query);
      return vectors.map(({ vector, norm: documentNorm }) => {
        if (queryNorm === 0 || documentNorm === 0) return 0;
        let dot = 0;
        for (const [word, weight] of query) dot += weight * (vector.get(word) ?? 0);
        return dot / (queryNorm * documentNorm);
      });
    },
  };
}

export interface NumberReference {
  number: string;
  /** The year of the report named ("from the 2016 Final Report"). */
  year: string;
}

/** At most this many numbers are read from one reference list. */
const MAX_REFERENCED = 50;

/**
 * The recommendations a text names by number and report year: "recommendation 12 from the 2016
 * Final Report", "Recommendations 1, 3, 4, and 20 of the 2015 final report".
 */
export function numberReferences(text: string): NumberReference[] {
  const references: NumberReference[] = [];
  const pattern =
    /\brecommendations?\s+((?:No\.?\s*)?\d{1,3}(?:\s*(?:,\s*and|,|and|&)\s*\d{1,3}){0,49})\s+(?:from|of|in)\s+(?:the\s+)?(?:OSCE\/)?(?:ODIHR\s+)?((?:19|20)\d{2})\b/gi;
  for (const match of text.matchAll(pattern)) {
    const numbers = match[1]!.match(/\d{1,3}/g) ?? [];
    for (const number of numbers.slice(0, MAX_REFERENCED)) {
      references.push({ number, year: match[2]! });
    }
  }
  return references;
}
