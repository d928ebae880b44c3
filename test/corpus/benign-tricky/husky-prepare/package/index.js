const TYPES = ['feat', 'fix', 'docs', 'style', 'refactor', 'perf', 'test', 'build', 'ci', 'chore', 'revert'];
module.exports = function lint(message) {
  const m = /^(\w+)(\([\w$.\-* ]+\))?(!)?: (.+)$/.exec(message.split('\n')[0]);
  return m && TYPES.includes(m[1]) ? { ok: true, type: m[1], breaking: !!m[3] } : { ok: false };
};
