'use strict';
exports.render = (commits) => commits.map((c) => `- ${c.subject} (${c.hash.slice(0, 7)}, ${c.author})`).join('\n') + '\n';
