// Brackwater Ledger: the demo's fictional local paper in the fictional harbour town of Brackwater. Its Atom feed
// carries full content. One of its stories republishes a Kestrel Wire story under its own headline and intro,
// so that the same story reaches Convey from two sources.
import { sharedWireStory } from './kestrel-wire.js';
import type { DemoBlock, DemoPublisher, DemoStory } from './types.js';

const dredging: DemoStory = {
  id: 'bl-311',
  slug: 'harbour-channel-dredging-approved',
  section: 'Town',
  topics: ['Harbour', 'Council', 'Brackwater'],
  authors: ['Morag Ellery'],
  hoursAgo: 3,
  dateline: { place: 'BRACKWATER', style: 'place-only' },
  image: {
    name: 'brackwater-harbour',
    alt: 'Fishing boats resting on mud in the harbour at low tide',
    caption: 'Boats sit on the mud at low tide in the inner harbour, where silt has built up since the last dredging.',
    credit: 'Photo: Gwen Harrow / Brackwater Ledger',
    art: { top: '#d4e5ef', bottom: '#7d6b57', accent: '#4f6d7a', motif: 'waves' },
  },
  text: {
    headline: 'Council backs £4.6m dredging of harbour channel after years of delay',
    summary:
      'The town council approved dredging the harbour channel, which has silted up so badly that larger boats can only enter at high tide.',
    body: [
      {
        kind: 'paragraph',
        text: 'Town councillors voted eleven to two at a meeting on {weekday} to dredge the harbour channel, ending six years of argument over a stretch of water that has silted up so badly that the larger fishing boats can only come in at high tide.',
      },
      {
        kind: 'paragraph',
        text: 'The £4.6m project will remove about 90,000 cubic metres of silt from the channel and the inner harbour over two winters. Most of the cost will be met by a government coastal fund, with the harbour board paying the rest from mooring fees.',
      },
      {
        kind: 'paragraph',
        text: '“We have skippers landing their catch in other ports because they cannot be sure of getting in here,” harbourmaster Alun Pryce told the meeting. “Every boat that lands elsewhere is money that does not come to this town.”',
      },
      { kind: 'subhead', text: 'Where the silt will go' },
      {
        kind: 'paragraph',
        text: 'The clean sand and mud will be used to rebuild the salt marsh at Gull Point, which has lost around a third of its area to erosion since the 1990s. Samples taken last spring found no contamination that would rule this out, according to a report presented to councillors.',
      },
      {
        kind: 'paragraph',
        text: 'The two councillors who voted against said they were not convinced the channel would stay clear without a permanent fix to the old breakwater, which lets silt in during winter storms. The harbour board said a study of the breakwater would be ready next year.',
      },
      {
        kind: 'paragraph',
        text: 'Work is due to start in January, outside the bird nesting season. Residents can see the plans at the harbour office on weekdays and at the [newly reopened library](library-reopens-after-renovation).',
      },
    ],
  },
};

const library: DemoStory = {
  id: 'bl-307',
  slug: 'library-reopens-after-renovation',
  section: 'Community',
  topics: ['Libraries', 'Community', 'Brackwater'],
  authors: ['Sam Okonedo-Price'],
  hoursAgo: 17,
  dateline: { place: 'BRACKWATER', style: 'place-only' },
  image: {
    name: 'brackwater-library',
    alt: 'A reading room with tall windows and rows of low shelves',
    caption: 'The new reading room on the first floor of the library on Quay Street.',
    credit: 'Photo: Gwen Harrow / Brackwater Ledger',
    art: { top: '#fceabb', bottom: '#f8b500', accent: '#6a4c93', motif: 'grid' },
  },
  text: {
    headline: 'Quay Street library reopens after two-year renovation',
    summary:
      'The library on Quay Street reopened on {weekday} after a two-year renovation, with longer opening hours and a repair café.',
    body: [
      {
        kind: 'paragraph',
        text: 'More than 600 people queued along Quay Street on {weekday} as the town library reopened after a two-year renovation that has turned the Victorian building into something closer to a community centre.',
      },
      {
        kind: 'paragraph',
        text: 'The £2.1m works replaced the leaking roof, made the building accessible to wheelchair users for the first time and opened up the first floor, which had been used for storage since the 1980s.',
      },
      { kind: 'paragraph', text: 'Among the changes visitors will find:' },
      {
        kind: 'list',
        ordered: false,
        items: [
          'opening until 8 p.m. on weekdays and on Sunday afternoons',
          'a first-floor reading room with views over the harbour',
          'a monthly repair café where volunteers fix lamps, clothes and bicycles',
          'a local history room holding the harbour board’s archive and the Ledger’s back issues',
        ],
      },
      {
        kind: 'paragraph',
        text: '“We have had people in today who had not been inside since they were at school,” said head librarian Priya Castellan. “A library is the last warm place in town where nobody asks you to buy anything.”',
      },
      {
        kind: 'paragraph',
        text: 'During the renovation a reduced service ran from two rooms above the fire station. Books borrowed there can be returned at the new building without fines until the end of the year, the library said.',
      },
    ],
  },
};

const oysters: DemoStory = {
  id: 'bl-302',
  slug: 'oyster-growers-return-to-the-estuary',
  section: 'Business',
  topics: ['Fishing', 'Estuary', 'Brackwater'],
  authors: ['Ruth Calloway', 'Ben Tiernan'],
  hoursAgo: 44,
  dateline: { place: 'BRACKWATER', style: 'place-only' },
  image: {
    name: 'estuary-oysters',
    alt: 'Oyster trestles in shallow water at low tide with a low sun behind',
    caption: 'Oyster trestles exposed at low tide on the east bank of the estuary.',
    credit: 'Photo: Ben Tiernan / Brackwater Ledger',
    art: { top: '#ffafbd', bottom: '#4b6cb7', accent: '#3d405b', motif: 'sun' },
  },
  text: {
    headline: 'Oyster growers return to the estuary as water quality improves',
    summary:
      'Two oyster farms have restarted on the estuary after water testing showed the cleanest readings in thirty years.',
    body: [
      {
        kind: 'paragraph',
        text: 'Oyster trestles are back on the east bank of the estuary for the first time in nearly thirty years, after water testing this summer showed the cleanest readings since records began at the Gull Point station.',
      },
      {
        kind: 'paragraph',
        text: 'Two small farms received licences in September, and the first oysters seeded there are expected to be ready for sale in about three years. Shellfish beds on the estuary were closed in the 1990s after repeated contamination from sewage overflows upstream.',
      },
      {
        kind: 'quote',
        text: 'My grandfather grew oysters on this bank and my father watched the beds close. I never thought I would be the one putting them back.',
        attribution: 'Tamsin Rowe, who runs one of the two farms',
      },
      {
        kind: 'paragraph',
        text: 'The water company completed a storage tunnel under the town three years ago, which holds storm water that used to spill into the river. Campaigners said the results showed what investment could do, but warned that overflows still happen in the heaviest rain.',
      },
      {
        kind: 'paragraph',
        text: 'Testing will continue every fortnight, and the farms must stop harvesting if readings rise above legal limits. Oysters filter large volumes of water, and the growers hope the beds will help keep the estuary clean in turn.',
      },
    ],
  },
};

// The outlet's own lead and one paragraph of local reporting around the wire's text.
const wireBody = sharedWireStory.text.body;
const republishedBody: DemoBlock[] = [
  {
    kind: 'paragraph',
    text: 'Cruise ships and ferries calling at Brackwater will be able to switch off their engines at the quay within five years, after the harbour board joined thirteen larger ports in a pact on shore power agreed in Hamburg on {weekday}.',
  },
  ...wireBody.slice(1, 2),
  {
    kind: 'paragraph',
    text: 'In Brackwater the connection would serve the deep-water berth at the North Quay, where around 40 cruise calls a year bring visitors to the town. Harbourmaster Alun Pryce said the board would seek funding for the work alongside the dredging of the harbour channel.',
  },
  ...wireBody.slice(2),
];

const shorePower: DemoStory = {
  id: 'bl-309',
  slug: 'brackwater-joins-ports-pledge-to-plug-in-ships',
  section: 'Harbour',
  topics: ['Harbour', 'Shipping', 'Climate', 'Brackwater'],
  authors: sharedWireStory.authors,
  hoursAgo: sharedWireStory.hoursAgo - 3,
  dateline: { place: 'BRACKWATER', style: 'place-only' },
  image: sharedWireStory.image,
  text: {
    headline: 'Brackwater signs up to plan to plug in cruise ships at the quay',
    summary:
      'Brackwater is among fourteen ports that agreed to offer shore power to cruise ships and ferries by 2030.',
    body: republishedBody,
  },
  republishedFrom: {
    publisherSlug: 'kestrel-wire',
    storyId: sharedWireStory.id,
    creditLine:
      'This story was first published by Kestrel Wire and is republished under the Creative Commons Attribution 4.0 licence, with additional reporting by the Brackwater Ledger.',
  },
};

export const brackwaterLedger: DemoPublisher = {
  kind: 'outlet',
  slug: 'brackwater-ledger',
  name: 'Brackwater Ledger',
  tagline: 'News for Brackwater and the estuary since 1894.',
  basePath: '/ledger',
  license: 'CC BY-SA 4.0',
  licenseUrl: 'https://creativecommons.org/licenses/by-sa/4.0/',
  usageTerms:
    'Republish freely with credit to the Brackwater Ledger and a link to the story; adaptations must be shared under the same licence.',
  copyrightHolder: 'Brackwater Ledger Community Media',
  indexingPolicy: 'noindex-news',
  updatePolicy: 'auto',
  logo: { name: 'brackwater-ledger-logo', art: { top: '#f1faee', bottom: '#a8dadc', accent: '#1d3557', motif: 'waves' } },
  stories: [dredging, library, shorePower, oysters],
};
