// The sites the browser suite runs on, and what each one's checks need: which pages get the
// colour-scheme and screenshot treatment, a word search must find, timeline filters that
// hide some events and that hide all of them.
import { join } from 'node:path';
import { REPO } from './site.mjs';

export const EXAMPLE = {
  name: 'example',
  root: REPO,
  siteDirEnv: 'SITE_DIR',
  keyPages: {
    home: '/',
    story: '/stories/march-20-attack-banks-broadcasters/',
    actor: '/actors/north-korea/',
    timeline: '/timeline/',
    forces: '/forces/',
    search: '/search/',
  },
  search: { word: 'Stuxnet', story: '/stories/us-cyber-command-offensive-teams/' },
  extraSearches: [
    { word: '북한', path: '/actors/north-korea/', why: 'Korean text: an actor found by its Korean name' },
    // A word written only in a Korean story: the Korean edition's index finds it, the
    // English edition's has nothing for it.
    { word: '머릿수', page: '/ko/search/', path: '/ko/stories/rok-cyber-command-expansion/', absentFrom: '/search/', why: 'the Korean edition\'s own index' },
  ],
  // The other languages' editions: their home, a story and search get the layout checks.
  editions: [
    { code: 'ko', home: '/ko/', story: '/ko/stories/march-20-attack-banks-broadcasters/', search: '/ko/search/', searchWord: '사이버' },
  ],
  // One actor's events; then an actor and a tag that no event shares.
  filter: { actor: 'iran', empty: { actor: 'iran', tag: 'nuclear' } },
  // A page with highlighted code, when the site has one.
  codePage: null,
};

export const STRAIT = {
  name: 'strait',
  root: join(REPO, 'tests', 'sites', 'strait'),
  siteDirEnv: 'STRAIT_SITE_DIR',
  keyPages: {
    home: '/',
    story: '/stories/how-the-strait-became-a-flashpoint/',
    actor: '/actors/dravonian-maritime-guard/',
    timeline: '/timeline/',
    forces: '/forces/',
    search: '/search/',
  },
  search: { word: 'Halden', story: '/stories/halden-star-detained/' },
  filter: { actor: 'korvane-shipping-council', empty: { actor: 'korvane-shipping-council', tag: 'diplomacy' } },
  codePage: '/methodology/',
};
