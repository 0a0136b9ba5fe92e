// The geo set the GEO commands' unit tests share: three Sicilian towns,
// and the points and scores redis-server 7.0.15 gives them.
import { bulks, CommandHarness } from './command-harness.js';

/** A harness whose key `g` holds Palermo, Catania and Gela. */
export function sicily(): CommandHarness {
  const h = new CommandHarness();
  h.run(
    'GEOADD',
    'g',
    '13.361389',
    '38.115556',
    'Palermo',
    '15',
    '37',
    'Catania',
    '14',
    '37',
    'Gela',
  );
  return h;
}

/** GEOPOS's RESP2 replies for the three: their cell centers. */
export const PALERMO_POINT = bulks('13.36138933897018433', '38.11555639549629859');
export const CATANIA_POINT = bulks('14.99999910593032837', '37.00000026605963654');
export const GELA_POINT = bulks('14.00000184774398804', '37.00000026605963654');
