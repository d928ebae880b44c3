import { NgModule } from '@angular/core';
class ExtrasModule {}
ExtrasModule.decorators = [{ type: NgModule, args: [{ declarations: [], exports: [] }] }];
export { ExtrasModule };
