// The browser suite on the example site (`content/`). SITE_DIR=<folder> tests it already built.
import { defineSiteSuite } from './helpers/suite.mjs';
import { EXAMPLE } from './helpers/profiles.mjs';

defineSiteSuite(EXAMPLE);
