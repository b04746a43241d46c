// GOV.UK Frontend's components (error summary focus, character count, header menu): the pages work without it.
import { initAll } from '/inbox/assets/govuk-frontend.min.js';
initAll();
