export function twMerge(...classes) { return [...new Set(classes.join(' ').split(/\s+/).filter(Boolean))].join(' '); }
