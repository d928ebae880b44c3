module.exports = function install(app) { app.config.globalProperties.$routerDevtools = true; };
