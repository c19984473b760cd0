import { describe, expect, it } from 'vitest';
import { isBoilerplateLine, isContactLine } from './boilerplate-lines.js';

// Each rule with lines it must drop and story lines, close to them in wording, that it must keep.
const cases: Array<{ rule: string; drop: string[]; keep: string[] }> = [
  {
    rule: 'reading time, in every language whose dates Convey reads',
    drop: [
      'Reading time: 4 min', '4 min read', '12 minute read', 'Lesezeit: 3 Minuten', '3 Min. Lesezeit', 'Lesedauer 6 min',
      'Temps de lecture : 2 min', 'Tiempo de lectura: 5 minutos', '5 min de lectura', 'Tempo di lettura: 3 minuti',
      'Leestijd 4 minuten', 'Tempo de leitura: 2 minutos', '7 min de leitura', 'Время чтения: 5 минут', '5 мин чтения',
    ],
    keep: ['The reading time of a novel is about eight hours.', 'Die Lesezeit in der Bibliothek endet um 20 Uhr.', 'A 4 minute walk from the station'],
  },
  {
    rule: 'gallery counters and media controls',
    drop: ['3 of 12', '3 / 12', 'Image 3 of 12', 'Slide 2/9', 'Watch the video', 'View gallery', 'Enlarge this image', 'Listen to this article', 'Play video', 'See all photos'],
    keep: ['Watch the video of the match on the club website.', '3 of 12 candidates withdrew before the vote', 'View from the bridge'],
  },
  {
    rule: 'a notice that something needs JavaScript',
    drop: ['This slideshow requires JavaScript.', 'Please enable JavaScript to view the comments.', 'You need JavaScript turned on to play this video'],
    keep: ['JavaScript is the language of the web, and browsers have run it since 1995, long before most of these tools existed.'],
  },
  {
    rule: 'a copyright line: the sign, or the word with a year',
    drop: ['© 2025 Harbour Ledger Media', '© Harbour Ledger', 'Copyright 2025 Harbour Ledger', 'Copyright © Valley Post', '(c) 2024 The Post', 'All rights reserved.'],
    keep: ['Copyright rules changed in 2024, and the new law applies to every broadcaster.', 'Copyright holders asked the court to act.'],
  },
  {
    rule: 'an affiliate disclosure (near the edge of the story)',
    drop: [
      'This page may contain affiliate links: when you buy a product through them, we may earn a small commission.',
      'We earn a commission on purchases made through links in this article.',
    ],
    keep: ['The European Commission banned the products last year.', 'The company sold its Irish affiliate to a rival.'],
  },
  {
    rule: 'a short closing line carrying a bare web address',
    drop: ['Find the timetable at https://ferries.example/timetable', 'More coverage: www.paper.example/elections'],
    keep: ['The full report is published at https://agency.example/report.'],
  },
];

describe('boilerplate lines', () => {
  for (const { rule, drop, keep } of cases) {
    it(`${rule}: drops the line, keeps the story`, () => {
      for (const line of drop) expect(isBoilerplateLine(line, true), line).toBe(true);
      for (const line of keep) expect(isBoilerplateLine(line, true), line).toBe(false);
    });
  }

  it('an affiliate or address line is only dropped near the edge of the story', () => {
    expect(isBoilerplateLine('We earn a commission on purchases made through links in this article.', false)).toBe(false);
    expect(isBoilerplateLine('Find the timetable at https://ferries.example/timetable', false)).toBe(false);
  });

  it('a contact line is a short paragraph with an e-mail address or a mailto link', () => {
    expect(isContactLine('Write to Morgan Tell at morgan.tell@ledger.example', false)).toBe(true);
    expect(isContactLine('Tips: newsdesk@ledger.example', false)).toBe(true);
    expect(isContactLine('Write to the newsdesk', true)).toBe(true);
    expect(isContactLine('Write to the newsdesk', false)).toBe(false);
    const long = 'The council said residents could send objections to planning@council.example until the end of March, after which the committee will meet to decide.';
    expect(isContactLine(long, false)).toBe(false);
  });
});
