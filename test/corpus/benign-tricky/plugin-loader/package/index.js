'use strict';
const path = require('path');

class PluginHost {
  constructor(config = {}) {
    this.hooks = Object.create(null);
    for (const entry of config.plugins || []) {
      const [name, options] = Array.isArray(entry) ? entry : [entry, {}];
      const id = name.startsWith('.') ? path.resolve(process.cwd(), name) : name;
      const plugin = require(id);                  // user-configured module name
      const factory = plugin.default || plugin;
      this.register(factory(options));
    }
  }
  register(plugin) {
    for (const hook of Object.keys(plugin)) (this.hooks[hook] ||= []).push(plugin[hook]);
  }
  async call(hook, ...args) {
    for (const fn of this.hooks[hook] || []) await fn.apply(null, args);
  }
  dispatch(target, method, args) {
    if (typeof target[method] !== 'function') throw new TypeError(`no method ${method}`);
    return target[method](...args);                // generic obj[name](...) dispatch
  }
}
module.exports = PluginHost;
