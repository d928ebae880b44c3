exports.ToastrModule = class ToastrModule { static forRoot(cfg) { return { ngModule: ToastrModule, cfg }; } };
