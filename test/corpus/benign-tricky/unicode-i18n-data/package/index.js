'use strict';
// Locale strings and emoji sequences. They contain zero-width joiners (emoji ZWJ sequences, Persian ZWNJ),
// variation selector 16 (emoji presentation), tag characters (subdivision flags) and bidi
// embeddings/isolates for right-to-left text: all of it ordinary Unicode.
module.exports = {
  "emoji": {
    "family": "👨‍👩‍👧",
    "rainbowFlag": "🏳️‍🌈",
    "heart": "❤️",
    "scotland": "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
    "keycapHash": "#️⃣"
  },
  "locales": {
    "ar": {
      "hello": "مرحبا",
      "mixed": "‫السعر: 25 USD‬",
      "rlm": "عربي‏"
    },
    "he": {
      "hello": "שלום",
      "isolate": "⁧שלום⁩ world"
    },
    "fa": {
      "zwnj": "می‌خواهم"
    },
    "hi": {
      "zwj": "क्‍ष"
    }
  },
  "softHyphenAndBom": {
    "wbr": "super­califragilistic",
    "joiner": "no⁠break"
  }
};
