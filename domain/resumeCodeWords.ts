/**
 * 256 short, everyday, unambiguous words for codes a person reads off one screen and types on another.
 * Chosen to be neutral (nothing that hints at a service or a hardship) and easy to spell.
 * Exactly 256, so each word carries 8 bits.
 */
export const RESUME_CODE_WORDS: readonly string[] = [
  'apple', 'acorn', 'amber', 'anchor', 'arrow', 'aspen', 'badge', 'bagel', 'banjo', 'barley', 'basil',
  'beach', 'beaver', 'berry', 'birch', 'bison', 'blade', 'bloom', 'blue', 'boat', 'bonus', 'brook', 'brush',
  'bucket', 'bunny', 'cabin', 'cactus', 'camel', 'candle', 'canoe', 'canyon', 'carrot', 'castle', 'cedar',
  'cello', 'chalk', 'cherry', 'chess', 'chive', 'cider', 'cinema', 'citrus', 'clay', 'cliff', 'clock',
  'cloud', 'clover', 'coast', 'cobalt', 'cocoa', 'comet', 'coral', 'corn', 'cotton', 'cove', 'crane',
  'crayon', 'cricket', 'crown', 'cube', 'cumin', 'daisy', 'delta', 'denim', 'desert', 'dingo', 'dolphin',
  'donkey', 'dove', 'dune', 'eagle', 'easel', 'echo', 'elbow', 'elm', 'ember', 'emerald', 'engine', 'fable',
  'falcon', 'fern', 'ferry', 'fig', 'flute', 'foam', 'forest', 'fossil', 'fox', 'frost', 'garden', 'garlic',
  'gecko', 'ginger', 'glade', 'globe', 'goose', 'grape', 'gravel', 'guitar', 'hammer', 'harbor', 'hazel',
  'hedge', 'heron', 'hill', 'honey', 'hoop', 'igloo', 'indigo', 'iris', 'island', 'ivory', 'ivy', 'jacket',
  'jade', 'jelly', 'jigsaw', 'juniper', 'kayak', 'kettle', 'kite', 'koala', 'ladder', 'lagoon', 'lake',
  'lantern', 'lark', 'lemon', 'lilac', 'lily', 'lime', 'llama', 'locket', 'lotus', 'lunar', 'magnet',
  'mango', 'maple', 'marble', 'meadow', 'melon', 'mint', 'mitten', 'moon', 'moose', 'mosaic', 'moss',
  'muffin', 'nectar', 'nest', 'noodle', 'nutmeg', 'oak', 'oasis', 'ocean', 'olive', 'onion', 'orbit',
  'otter', 'owl', 'paddle', 'panda', 'papaya', 'parrot', 'pasta', 'peach', 'peanut', 'pear', 'pebble',
  'pecan', 'pepper', 'piano', 'pickle', 'pillow', 'pine', 'planet', 'plum', 'pocket', 'pony', 'poppy',
  'prism', 'pumpkin', 'quail', 'quartz', 'quill', 'rabbit', 'radar', 'radish', 'rain', 'raven', 'reef',
  'ribbon', 'river', 'robin', 'rocket', 'rose', 'ruby', 'saddle', 'sage', 'salmon', 'sand', 'satin', 'scarf',
  'seal', 'shell', 'silver', 'sky', 'sloth', 'snow', 'sofa', 'sparrow', 'spoon', 'spruce', 'squash', 'star',
  'stone', 'straw', 'sugar', 'summit', 'sun', 'swan', 'tango', 'teapot', 'thistle', 'thyme', 'tiger',
  'timber', 'toast', 'topaz', 'torch', 'tulip', 'tuna', 'turtle', 'umber', 'valley', 'velvet', 'violet',
  'wagon', 'walnut', 'walrus', 'wave', 'willow', 'window', 'winter', 'wren', 'yarn', 'yogurt', 'zebra',
  'zinc', 'orchid', 'button', 'rowan', 'puffin', 'tundra', 'bramble', 'meteor',
];
