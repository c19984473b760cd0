// Intl.Segmenter alone breaks after "Mr.", "Dr.", "M.", initials and German ordinals: these cases are the repairs.
import { describe, it, expect } from 'vitest';
import { normaliseText } from './normalise.js';
import { splitSentences } from './sentences.js';

const split = (text: string) => splitSentences(normaliseText(text));

describe('splitSentences', () => {
  it.each([
    ['Mr. Smith went to Washington. Dr. Jones stayed.', ['Mr. Smith went to Washington.', 'Dr. Jones stayed.']],
    ['John F. Kennedy spoke. Sen. Brown agreed.', ['John F. Kennedy spoke.', 'Sen. Brown agreed.']],
    ['The U.S. economy grew 2.5 per cent. It slowed.', ['The U.S. economy grew 2.5 per cent.', 'It slowed.']],
    ['Am 3. Oktober kam er zurück. Dann ging er.', ['Am 3. Oktober kam er zurück.', 'Dann ging er.']],
    ['Il a dit : « C’est bien. » M. Dupont a répondu.', ['Il a dit : « C’est bien.»', 'M. Dupont a répondu.']],
    ['Он сказал: «Это хорошо». Потом он ушёл.', ['Он сказал: «Это хорошо».', 'Потом он ушёл.']],
    ['قال الوزير إن الاتفاق جيد. ثم غادر؟ نعم!', ['قال الوزير إن الاتفاق جيد.', 'ثم غادر؟', 'نعم!']],
    ['“Russia must stop,” Lavrov said. “Then all is fine.”', ['“Russia must stop,” Lavrov said.', '“Then all is fine.”']],
  ])('%s', (text, expected) => {
    expect(split(text)).toEqual(expected);
  });
});
