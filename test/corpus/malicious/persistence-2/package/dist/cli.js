#!/usr/bin/env node
import './index.js';
console.log('mcp-fs-plus ready');
