// Kestrel Wire: the demo's fictional wire service. Its RSS feed carries summaries only, so the pipeline has to
// fetch and extract every article page. People, companies and agencies named here are invented.
import type { DemoPublisher, DemoStory } from './types.js';

const lisbonTrams: DemoStory = {
  id: 'kw-20418',
  slug: 'lisbon-approves-tram-line-to-eastern-riverside',
  section: 'Cities',
  topics: ['Transport', 'Urban planning', 'Portugal'],
  authors: ['Inês Valadares'],
  hoursAgo: 5,
  dateline: { place: 'LISBON', style: 'place-credit' },
  image: {
    name: 'lisbon-tram',
    alt: 'A yellow tram climbing a narrow street at dusk',
    caption: 'A tram on one of the hill routes in central Lisbon, where the new line would begin.',
    credit: 'Photo: Rui Mendonça / Kestrel Wire',
    art: { top: '#f7b267', bottom: '#f4845f', accent: '#f2c14e', motif: 'skyline' },
  },
  text: {
    headline: 'Lisbon approves tram line to its eastern riverside districts',
    summary:
      'Lisbon’s city council approved a 9-kilometre tram line linking the centre with the eastern riverside, the first new tram route in the city in decades.',
    body: [
      {
        kind: 'paragraph',
        text: 'Lisbon’s city council on {weekday} approved a 9-kilometre tram line linking the historic centre with the fast-growing eastern riverside districts, the first new tram route the Portuguese capital has built in decades.',
      },
      {
        kind: 'paragraph',
        text: 'The line, budgeted at 212 million euros, would run from the Cais do Sodré waterfront along the river to the former industrial quarter of Marvila, where thousands of flats have been built on old warehouse land in the past ten years.',
      },
      {
        kind: 'paragraph',
        text: '“People moved east faster than the buses did,” deputy mayor for mobility Carla Teixeira Nunes told reporters after the vote. “This line is the city catching up with where its residents already live.”',
      },
      { kind: 'paragraph', text: 'The plan approved by the council includes:' },
      {
        kind: 'list',
        ordered: false,
        items: [
          '22 stops, most of them on reserved track separated from car traffic',
          'low-floor vehicles with space for bicycles and pushchairs',
          'a depot on former port land that will also house a maintenance school',
          'a tram every six minutes at peak hours, from 5.30 a.m. to after midnight',
        ],
      },
      {
        kind: 'paragraph',
        text: 'Opposition councillors voted against, arguing that an extension of the metro would carry more people for the money. Shopkeepers along part of the route have asked for guarantees that deliveries will still be possible during construction.',
      },
      {
        kind: 'paragraph',
        text: 'The council expects to launch the tender early next year and to open the line in stages from 2029. The project still needs approval from the national environment agency and a share of European cohesion funds, officials said.',
      },
    ],
  },
};

const nairobiMiniGrids: DemoStory = {
  id: 'kw-20409',
  slug: 'solar-mini-grids-reach-northern-kenya-households',
  section: 'Energy',
  topics: ['Energy', 'Solar power', 'Kenya'],
  authors: ['Daniel Mwangi Otieno'],
  hoursAgo: 21,
  dateline: { place: 'NAIROBI', style: 'place-date-credit' },
  image: {
    name: 'kenya-solar',
    alt: 'Rows of solar panels under a wide sky',
    caption: 'Solar panels at a village mini-grid site run by a local cooperative.',
    credit: 'Photo: Achieng Odhiambo / Kestrel Wire',
    art: { top: '#2b59c3', bottom: '#f6d365', accent: '#fda085', motif: 'sun' },
  },
  text: {
    headline: 'Solar mini-grids now power 41,000 homes in Kenya’s north, figures show',
    summary:
      'Community-run solar mini-grids now supply about 41,000 households in four northern Kenyan counties, according to figures released by a regional energy cooperative.',
    body: [
      {
        kind: 'paragraph',
        text: 'Community-run solar mini-grids now supply electricity to about 41,000 households in four of northern Kenya’s most remote counties, more than double the number two years ago, according to figures released on {weekday} by a regional energy cooperative.',
      },
      {
        kind: 'paragraph',
        text: 'The Northern Rangelands Power Cooperative, which builds and operates the grids together with village committees, said 118 sites were running at the end of last month. Each serves a cluster of homes, shops and, in most cases, a clinic or a school.',
      },
      {
        kind: 'table',
        caption: 'Mini-grid sites by county at the end of last month',
        head: ['County', 'Sites', 'Households connected', 'Average tariff (KSh/kWh)'],
        rows: [
          ['Turkana', '41', '14,200', '32'],
          ['Marsabit', '29', '9,800', '35'],
          ['Samburu', '26', '9,300', '30'],
          ['Isiolo', '22', '7,700', '28'],
        ],
      },
      {
        kind: 'paragraph',
        text: 'Tariffs remain well above what customers on the national grid pay, a gap the cooperative says reflects the cost of batteries and of maintaining equipment hundreds of kilometres from the nearest town.',
      },
      {
        kind: 'paragraph',
        text: '“The first thing people buy is a phone charger and a light for the children to study by. The second is a fridge, and then the shop on the corner starts selling cold drinks,” said Halima Abdi Roba, who chairs the committee of a site near Laisamis.',
      },
      {
        kind: 'paragraph',
        text: 'Energy analysts said the next test would be whether the grids can be connected to the national network as it expands north without stranding the cooperatives’ investments. The cooperative said it was negotiating a tariff for selling surplus power back to the grid.',
      },
    ],
  },
};

const osloFerries: DemoStory = {
  id: 'kw-20401',
  slug: 'norway-fjord-ferries-go-battery-only-on-three-more-routes',
  section: 'Climate',
  topics: ['Shipping', 'Climate', 'Norway'],
  authors: ['Sigrid Aas'],
  hoursAgo: 31,
  dateline: { place: 'OSLO', style: 'place-only' },
  image: {
    name: 'fjord-ferry',
    alt: 'A ferry crossing a fjord between steep green hills',
    caption: 'A battery-powered car ferry crosses a fjord on the west coast.',
    credit: 'Photo: Eirik Solberg / Kestrel Wire',
    art: { top: '#a1c4fd', bottom: '#1d3557', accent: '#e63946', motif: 'waves' },
  },
  text: {
    headline: 'Norway’s fjord ferries go battery-only on three more routes',
    summary:
      'Three more Norwegian car-ferry crossings switched to fully electric operation this week, leaving fewer than a fifth of the country’s routes still burning diesel.',
    body: [
      {
        kind: 'paragraph',
        text: 'Three more car-ferry crossings on Norway’s west coast switched to battery-only operation this week, the roads administration said on {weekday}, leaving fewer than a fifth of the country’s roughly 130 ferry routes still running on diesel.',
      },
      {
        kind: 'paragraph',
        text: 'The new vessels charge for six to ten minutes at each quay, drawing on banks of batteries on shore that fill up slowly from the local grid between departures so that small villages are not hit by sudden peaks in demand.',
      },
      {
        kind: 'quote',
        text: 'Ten years ago people asked whether a battery ferry could cross a fjord in winter. Now the question from the crews is why the last diesel boats are still running.',
        attribution: 'Kari Vestrheim, head of ferry contracts at the roads administration',
      },
      {
        kind: 'paragraph',
        text: 'Operators said the main obstacle on the remaining routes was not the ships but the power lines to the quays, some of which need upgrades that take years to approve. Longer crossings also need larger batteries, which add weight and cost.',
      },
      {
        kind: 'paragraph',
        text: 'Shipyards in western Norway have turned the ferries into an export business, with orders from Denmark, Canada and New Zealand, according to an industry association. Environmental groups welcomed the switch but urged the government to apply the same rules to fish farm service boats, which they say now burn more fuel along the coast than the ferries once did.',
      },
    ],
  },
};

const montrealMetro: DemoStory = {
  id: 'kw-20415',
  slug: 'montreal-metro-to-run-all-night-on-weekends-in-pilot',
  section: 'Cities',
  topics: ['Transport', 'Nightlife', 'Canada'],
  authors: ['Claire Beaulieu-Okafor'],
  hoursAgo: 9,
  dateline: { place: 'MONTREAL', style: 'place-credit' },
  image: {
    name: 'montreal-metro',
    alt: 'A metro train waiting at an empty platform at night',
    caption: 'A late train at a downtown metro station.',
    credit: 'Photo: Julien Tremblay / Kestrel Wire',
    art: { top: '#0f0c29', bottom: '#302b63', accent: '#24c6dc', motif: 'bars' },
  },
  text: {
    headline: 'Montreal metro to run all night on weekends in a one-year pilot',
    summary:
      'Montreal’s metro will run through the night on Fridays and Saturdays from January, with 72 stations open, in a one-year pilot approved by the transit authority.',
    body: [
      {
        kind: 'paragraph',
        text: 'Montreal’s metro will run through the night on Fridays and Saturdays from January in a one-year pilot approved on {weekday} by the city’s transit authority, which said 72 stations would stay open overnight.',
      },
      {
        kind: 'paragraph',
        text: 'Trains would run every 20 minutes between 1.30 a.m. and 5.30 a.m. on the two busiest lines, replacing night buses that bar and restaurant workers have long complained are slow and crowded.',
      },
      {
        kind: 'paragraph',
        text: '“Thousands of people finish work when the metro closes. For them the night bus is not an option, it is an hour and a half on the way home,” said Mélanie Dufresne-Caron, who represents hospitality workers on the authority’s users’ committee.',
      },
      {
        kind: 'paragraph',
        text: 'The pilot will cost about 14 million Canadian dollars, most of it for extra staff and security. Maintenance crews, who use the overnight closure to work on the tracks, will shift part of their work to weeknights.',
      },
      {
        kind: 'paragraph',
        text: 'The authority said it would publish ridership and safety figures every three months and decide next autumn whether to make the service permanent.',
      },
    ],
  },
  update: {
    headline: 'Montreal metro to run all night on weekends in a one-year pilot',
    summary:
      'Montreal’s metro will run through the night on Fridays and Saturdays from January, with 27 stations open, in a one-year pilot approved by the transit authority.',
    body: [
      {
        kind: 'paragraph',
        text: 'Montreal’s metro will run through the night on Fridays and Saturdays from January in a one-year pilot approved on {weekday} by the city’s transit authority, which said 27 stations would stay open overnight.',
      },
      {
        kind: 'paragraph',
        text: 'Trains would run every 20 minutes between 1.30 a.m. and 5.30 a.m. on the two busiest lines, replacing night buses that bar and restaurant workers have long complained are slow and crowded. Stations outside the pilot will be served by shuttle buses timed to meet the trains, the authority said in a statement later on {weekday}.',
      },
      {
        kind: 'paragraph',
        text: '“Thousands of people finish work when the metro closes. For them the night bus is not an option, it is an hour and a half on the way home,” said Mélanie Dufresne-Caron, who represents hospitality workers on the authority’s users’ committee.',
      },
      {
        kind: 'paragraph',
        text: 'The pilot will cost about 14 million Canadian dollars, most of it for extra staff and security. Maintenance crews, who use the overnight closure to work on the tracks, will shift part of their work to weeknights.',
      },
      {
        kind: 'paragraph',
        text: 'The authority said it would publish ridership and safety figures every three months and decide next autumn whether to make the service permanent.',
      },
    ],
    correction:
      'Correction: An earlier version of this story misstated the number of stations that will stay open overnight during the pilot. It is 27, not 72.',
  },
};

const gdanskGrain: DemoStory = {
  id: 'kw-20412',
  slug: 'baltic-grain-exports-hit-monthly-record',
  section: 'Business',
  topics: ['Trade', 'Agriculture', 'Poland'],
  authors: ['Tomasz Wierzbicki'],
  hoursAgo: 14,
  dateline: { place: 'GDANSK, Poland', style: 'place-credit' },
  image: {
    name: 'gdansk-grain',
    alt: 'Cranes and grain silos at a port under a grey sky',
    caption: 'Grain silos and cranes at a Baltic terminal.',
    credit: 'Photo: Marta Lewandowska / Kestrel Wire',
    art: { top: '#bdc3c7', bottom: '#2c3e50', accent: '#f39c12', motif: 'grid' },
  },
  text: {
    headline: 'Baltic grain exports hit a monthly record, port operator says',
    summary:
      'Grain shipments through a Baltic terminal reached a monthly record last month, its operator said, citing a strong harvest and lower freight rates.',
    body: [
      {
        kind: 'paragraph',
        text: 'Grain shipments through a large Baltic terminal reached a monthly record of 1.3 million tonnes last month, its operator said on {weekday}, citing a strong harvest and lower freight rates to North Africa.',
      },
      {
        kind: 'paragraph',
        text: 'Wheat made up about two thirds of the volume, followed by maize and rapeseed, according to preliminary figures from the operator, Baltica Bulk Terminals.',
      },
      {
        kind: 'paragraph',
        text: '“We had ships waiting at anchor for most of the month, which has not happened at this time of year before,” a company spokesman, Paweł Kosiński, said by telephone.',
      },
      {
        kind: 'paragraph',
        text: 'Farm groups said the record reflected how much grain was stored on farms after a slow summer, rather than a lasting increase in demand, and warned that prices paid to growers remained below last year’s.',
      },
    ],
  },
  withdrawable: true,
};

const hamburgShorePower: DemoStory = {
  id: 'kw-20406',
  slug: 'fourteen-ports-sign-shore-power-pact',
  section: 'Climate',
  topics: ['Shipping', 'Climate', 'Ports', 'Europe'],
  authors: ['Lena Hartmann'],
  hoursAgo: 26,
  dateline: { place: 'HAMBURG', style: 'place-date-credit' },
  image: {
    name: 'shore-power',
    alt: 'A large cruise ship moored at a quay with a thick power cable connected',
    caption: 'A cruise ship connected to a shore power cable at a North Sea quay.',
    credit: 'Photo: Jonas Brandt / Kestrel Wire',
    art: { top: '#89f7fe', bottom: '#66a6ff', accent: '#ffffff', motif: 'waves' },
  },
  text: {
    headline: 'Fourteen North Sea and Baltic ports agree to plug in moored ships by 2030',
    summary:
      'Fourteen ports around the North Sea and the Baltic agreed to offer shore power to cruise ships and ferries at every passenger berth by 2030, so that moored ships can switch off their engines.',
    body: [
      {
        kind: 'paragraph',
        text: 'Fourteen ports around the North Sea and the Baltic agreed on {weekday} to offer shore power at every cruise and ferry berth by 2030, so that ships can switch off their diesel generators while moored in the middle of cities.',
      },
      {
        kind: 'paragraph',
        text: 'The ports, which range from major hubs to small harbours such as Brackwater, said they would use a common connection standard and publish a single price list, so that shipping lines do not face a patchwork of plugs and tariffs along the same route.',
      },
      {
        kind: 'paragraph',
        text: 'A large cruise ship at berth can burn as much fuel in a day as thousands of cars, and residents of port cities have complained for years about soot and noise from ships that keep their engines running to power lights, kitchens and air conditioning.',
      },
      {
        kind: 'paragraph',
        text: '“The technology has been ready for a decade. What was missing was ports agreeing to move together so nobody loses business to a neighbour,” said Henrike Vos, who coordinated the talks for the group.',
      },
      {
        kind: 'paragraph',
        text: 'The ports estimate the cost of the connections at 1.1 billion euros in total and have applied for European funding. Shipping lines will have to fit their vessels to take the power; the largest operators have said most of their ships built since 2015 already can.',
      },
      {
        kind: 'paragraph',
        text: 'Environmental groups called the pact overdue and said ports should charge ships that refuse to plug in once the connections are available.',
      },
    ],
  },
};

const capeTownWater: DemoStory = {
  id: 'kw-20397',
  slug: 'cape-town-water-saving-habits-outlast-drought',
  section: 'Environment',
  topics: ['Water', 'Drought', 'South Africa'],
  authors: ['Thandiwe Mokoena', 'Pieter van Wyk'],
  hoursAgo: 52,
  dateline: { place: 'CAPE TOWN', style: 'place-only' },
  image: {
    name: 'cape-town-water',
    alt: 'A reservoir below a flat-topped mountain at sunrise',
    caption: 'A reservoir outside the city, full again after several wet winters.',
    credit: 'Photo: Sipho Dlamini / Kestrel Wire',
    art: { top: '#ff9a8b', bottom: '#3f5efb', accent: '#2d6a4f', motif: 'hills' },
  },
  text: {
    headline: 'Years after the drought, Cape Town households still save water, survey finds',
    summary:
      'Most Cape Town households have kept the water-saving habits they learned during the city’s drought, a survey found, and average use is still about a third below what it was before.',
    body: [
      {
        kind: 'paragraph',
        text: 'Most Cape Town households have kept the water-saving habits they adopted during the drought that nearly left the city’s taps dry, a survey published on {weekday} found, and average household use remains about a third lower than before the crisis.',
      },
      {
        kind: 'paragraph',
        text: 'Of the 3,200 households surveyed by a university research group, 68 percent said they still collected shower or washing water to flush toilets or water gardens, and more than half had kept the rainwater tanks they installed at the time.',
      },
      {
        kind: 'paragraph',
        text: '“Once you have seen the dam nearly empty, you do not forget it. My children still time their showers,” said Nomvula Jacobs, a teacher in the suburb of Mitchells Plain who took part in the survey.',
      },
      {
        kind: 'paragraph',
        text: 'The lower demand has had a cost for the city, whose water department earns less from sales while its fixed costs for pipes and treatment plants have risen. Tariffs have gone up several times since, which some residents say punishes them for saving.',
      },
      {
        kind: 'paragraph',
        text: 'The researchers said the findings mattered for other coastal cities planning for longer dry spells, which increasingly share what works across borders, as northern European ports did this week in [a joint agreement on shore power](fourteen-ports-sign-shore-power-pact).',
      },
    ],
  },
};

export const kestrelWire: DemoPublisher = {
  kind: 'wire',
  slug: 'kestrel-wire',
  name: 'Kestrel Wire',
  tagline: 'Independent news agency: world news, free to republish.',
  basePath: '/wire',
  license: 'CC BY 4.0',
  licenseUrl: 'https://creativecommons.org/licenses/by/4.0/',
  usageTerms:
    'Free to republish in full, including photos, with credit to Kestrel Wire and a link to the original story. Do not change the meaning of the text.',
  copyrightHolder: 'Kestrel Wire Cooperative',
  indexingPolicy: 'canonical-to-source',
  updatePolicy: 'auto',
  logo: { name: 'kestrel-wire-logo', art: { top: '#1b263b', bottom: '#0d1b2a', accent: '#e0a458', motif: 'bars' } },
  stories: [lisbonTrams, montrealMetro, gdanskGrain, nairobiMiniGrids, hamburgShorePower, osloFerries, capeTownWater],
};

/** The wire story the outlet republishes under its own headline. */
export const sharedWireStory = hamburgShorePower;
