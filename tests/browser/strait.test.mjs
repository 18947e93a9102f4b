// The browser suite on the second fixture explainer, `tests/sites/strait` (a fictional
// maritime crisis written independently of the example). STRAIT_SITE_DIR=<folder> tests it
// already built.
import { defineSiteSuite } from './helpers/suite.mjs';
import { STRAIT } from './helpers/profiles.mjs';

defineSiteSuite(STRAIT);
