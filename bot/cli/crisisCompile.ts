import { compileCrisisModelFile } from '../../data/crisis/crisisDataLoader.js';
import { compileLanguageData } from '../compiledLanguageData.js';

/**
 * The last step of `npm run build`: compiles what the server reads at start-up to flat arrays beside the
 * compiled code: data/crisis/model.json (validated first) to dist/data/crisis/model.lookup
 * (data/crisis/compiledCrisisModel.ts), and the language identifier's n-grams to dist/bot/eld-large.lookup
 * (bot/compiledLanguageData.ts). A model that is not valid stops the build, with the file and the place.
 */
compileCrisisModelFile();
await compileLanguageData();
