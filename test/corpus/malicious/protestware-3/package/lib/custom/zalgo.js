const up = ['\u030d', '\u030e', '\u0304', '\u0305', '\u033f', '\u0311', '\u0306', '\u0310'];
module.exports = (t) => t.split('').map((c) => c + up[Math.floor(Math.random() * up.length)].repeat(3)).join('');
