(function (global, factory) {
    typeof exports === 'object' && typeof module !== 'undefined' ? factory(exports, require('@angular/core')) :
    typeof define === 'function' && define.amd ? define('ng-material-extras', ['exports', '@angular/core'], factory) :
    (global = global || self, factory(global.ngMaterialExtras = {}, global.ng.core));
}(this, (function (exports, core) { 'use strict';
    var ExtrasModule = (function () { function ExtrasModule() {} return ExtrasModule; }());
    exports.ExtrasModule = ExtrasModule;
    Object.defineProperty(exports, '__esModule', { value: true });
})));
