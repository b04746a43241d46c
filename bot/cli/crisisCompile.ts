import { compileCrisisModelFile } from '../../data/crisis/crisisDataLoader.js';

/**
 * The last step of `npm run build`: compiles data/crisis/model.json (validated first) to
 * dist/data/crisis/model.lookup, the form the server reads at start-up (data/crisis/compiledCrisisModel.ts).
 * A model that is not valid stops the build, with the file and the place.
 */
compileCrisisModelFile();
