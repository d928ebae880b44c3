#!/usr/bin/env node
console.log('usage: nvs-use <version>');
